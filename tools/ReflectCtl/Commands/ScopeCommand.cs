// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Net;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl scope add|del include|exclude PREFIX</c> and <c>reflectctl scope list [--json]</c>.</summary>
internal static class ScopeCommand
{
    public static Command Create(Func<IReflectClient> connect) =>
        new("scope", "Choose the local addresses reflect.ko learns: those in an include prefix, if any, and in no exclude prefix.")
        {
            CreateChange("add", "Add a prefix; entries it puts out of scope are dropped.", connect, (client, scope) => client.AddScope(scope)),
            CreateChange("del", "Delete a prefix; entries it puts out of scope are dropped.", connect, (client, scope) => client.DeleteScope(scope)),
            CreateList(connect),
        };

    /*
        {"scopes":[{"action":"exclude","prefix":"192.168.50.10/32"}]}
    */
    public static string FormatJson(IReadOnlyList<ReflectScope> scopes) => Json.Object(writer =>
    {
        writer.WriteStartArray("scopes");
        foreach (ReflectScope scope in scopes)
        {
            writer.WriteStartObject();
            writer.WriteString("action", Names.Of(scope.Action));
            writer.WriteString("prefix", scope.Prefix.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /*
        ACTION   PREFIX
        exclude  192.168.50.10/32
    */
    public static string FormatText(IReadOnlyList<ReflectScope> scopes)
    {
        var table = new TextTable(new Column("ACTION"), new Column("PREFIX"));
        foreach (ReflectScope scope in scopes)
        {
            table.Add(Names.Of(scope.Action), scope.Prefix.ToString());
        }

        return table.Format();
    }

    private static Command CreateChange(string name, string description, Func<IReflectClient> connect,
        Action<IReflectClient, ReflectScope> change)
    {
        var action = new Argument<ReflectScopeAction>("ACTION")
        {
            Description = "include or exclude.",
            CustomParser = result =>
            {
                string token = result.Tokens.Single().Value;
                ReflectScopeAction? parsed = token switch
                {
                    "include" => ReflectScopeAction.Include,
                    "exclude" => ReflectScopeAction.Exclude,
                    _ => null,
                };
                if (parsed is null)
                {
                    result.AddError($"'{token}' is not a scope action: include or exclude");
                }

                return parsed.GetValueOrDefault();
            },
        };
        Argument<IPNetwork> prefix = AddressArguments.CreatePrefix("ADDRESS/LENGTH with the host bits zero, e.g. 192.168.50.10/32 or fd50::/64.");
        var command = new Command(name, description) { action, prefix };
        command.SetClientAction(connect, context =>
        {
            change(context.Client, new ReflectScope(context.ParseResult.GetValue(action), context.ParseResult.GetValue(prefix)));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateList(Func<IReflectClient> connect)
    {
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("list", "Show the scope prefixes.") { json };
        command.SetClientAction(connect, context =>
        {
            IReadOnlyList<ReflectScope> scopes = context.Dump(client => client.GetScopes()).Items;
            context.Output.WriteLine(context.ParseResult.GetValue(json) ? FormatJson(scopes) : FormatText(scopes));
            return ExitCode.Ok;
        });
        return command;
    }
}
