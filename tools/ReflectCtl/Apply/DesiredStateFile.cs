// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Apply;

/*
    The desired state, as apply reads it (README.md, "apply", has the same with an example):

    {
      "config":     { "KEY": VALUE, ... },                 keys and values as config set takes them
      "interfaces": [ "NAME", ... ],                       by name
      "scopes":     { "include": [ "PREFIX", ... ],        ADDRESS/LENGTH, host bits zero
                      "exclude": [ "PREFIX", ... ] },
      "entries":    [ { "local": "ADDR", "peer": "ADDR", "iface": "NAME", "lladdr": "MAC",
                        "proto": "tcp|udp|sctp|N", "local_port": PORT, "peer_port": PORT }, ... ],
                                                           proto and ports: all three or none
      "nexthops":   { "NAME": [ "ADDR|MAC", ... ], ... }   trusted routers, by interface name
    }

    Each top-level part may be left out, and is then left alone. Environment variables
    REFLECT_<path> override or add values, with "__" between the parts of the path:
    REFLECT_config__idle_timeout=600, REFLECT_interfaces__1=eth1. An unknown key is an error
    in the file and anywhere below a known part; environment variables with other top-level
    names (REFLECT_KO, say) are not apply's and are ignored.
*/

/// <summary>Reads a <see cref="DesiredState"/> through Microsoft.Extensions.Configuration, with the command line's parsers.</summary>
internal static class DesiredStateFile
{
    public const string EnvironmentPrefix = "REFLECT_";

    private static readonly string[] Parts = ["config", "interfaces", "scopes", "entries", "nexthops"];
    private static readonly string[] EntryFields = ["local", "peer", "iface", "lladdr", "proto", "local_port", "peer_port"];
    private static readonly string[] ScopeActions = ["include", "exclude"];

    /// <param name="json">The file's content.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="UsageException">The file is not JSON, or a value is not what its key takes; the message says where.</exception>
    public static DesiredState Read(Stream json, string source)
    {
        using ConfigurationRoot root = Load(json, source);
        string? unknown = root.Providers.First().GetChildKeys([], null)
            .FirstOrDefault(key => !Parts.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new UsageException($"{source}: unknown key '{unknown}'; the desired state has {string.Join(", ", Parts)}");
        }

        var reader = new Reader(source);
        return new DesiredState(
            Present(root, "config") is IConfigurationSection config ? reader.Config(config) : null,
            Present(root, "interfaces") is IConfigurationSection interfaces ? reader.Interfaces(interfaces) : null,
            Present(root, "scopes") is IConfigurationSection scopes ? reader.Scopes(scopes) : null,
            Present(root, "entries") is IConfigurationSection entries ? reader.Entries(entries) : null,
            Present(root, "nexthops") is IConfigurationSection nextHops ? reader.NextHops(nextHops) : null);
    }

    private static ConfigurationRoot Load(Stream json, string source)
    {
        try
        {
            return (ConfigurationRoot)new ConfigurationBuilder()
                .AddJsonStream(json)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .Build();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new UsageException($"{source}: not a JSON object: {e.Message}");
        }
    }

    // A part that is there, even as an empty list or object (which the JSON provider keeps as
    // a key with an empty or null value, so that Exists() misses it).
    private static IConfigurationSection? Present(ConfigurationRoot root, string part) =>
        root.GetChildren().FirstOrDefault(child => string.Equals(child.Key, part, StringComparison.OrdinalIgnoreCase));

    private sealed class Reader(string source)
    {
        public ReflectConfigChange Config(IConfigurationSection config)
        {
            RequireContainer(config, "an object of config keys");
            IEnumerable<string> assignments = Values(config).Select(setting => $"{setting.Key.ToLowerInvariant()}={setting.Value}");
            return ConfigKeys.Parse(assignments, out string? error) ?? throw Error(config, error!);
        }

        public List<string> Interfaces(IConfigurationSection interfaces)
        {
            RequireContainer(interfaces, "a list of interface names");
            return Unique(Values(interfaces).Select(value => Parse<ReflectInterfaceId>(value, InterfaceArgument.TryParseName).Name!),
                interfaces, name => name);
        }

        public List<ReflectScope> Scopes(IConfigurationSection scopes)
        {
            RequireKeys(scopes, ScopeActions);
            IEnumerable<ReflectScope> all = ScopeActions.SelectMany(action => Values(scopes.GetSection(action)).Select(value =>
                new ReflectScope(action == "include" ? ReflectScopeAction.Include : ReflectScopeAction.Exclude,
                    Parse<IPNetwork>(value, AddressArguments.TryParsePrefix))));
            return Unique(all, scopes, scope => $"{Names.Of(scope.Action)} {scope.Prefix}");
        }

        public List<DesiredNextHop> NextHops(IConfigurationSection nextHops)
        {
            RequireContainer(nextHops, "an object of interface names, each with a list of addresses or MAC addresses");
            IEnumerable<DesiredNextHop> all = nextHops.GetChildren().SelectMany(iface =>
            {
                string name = Parse<ReflectInterfaceId>(iface, iface.Key, InterfaceArgument.TryParseName).Name!;
                RequireContainer(iface, "a list of addresses or MAC addresses");
                return Values(iface).Select(value => new DesiredNextHop(name, Parse<NextHopAddress>(value, NextHopArgument.TryParse)));
            });
            return Unique(all, nextHops, nextHop => nextHop.ToString());
        }

        public List<DesiredEntry> Entries(IConfigurationSection entries)
        {
            RequireContainer(entries, "a list of entries");
            List<DesiredEntry> all = entries.GetChildren().Select(Entry).ToList();
            DesiredEntry? twice = all.GroupBy(entry => entry.Key).Where(group => group.Count() > 1).Select(group => group.Last()).FirstOrDefault();
            return twice is null ? all : throw new UsageException($"{source}: {twice.Path}: a second entry of the key {Names.Of(twice.Key)}");
        }

        private DesiredEntry Entry(IConfigurationSection entry)
        {
            RequireKeys(entry, EntryFields);
            IPAddress local = Parse<IPAddress>(Field(entry, "local"), AddressArguments.TryParseAddress);
            IPAddress peer = Parse<IPAddress>(Field(entry, "peer"), AddressArguments.TryParseAddress);
            if (local.AddressFamily != peer.AddressFamily)
            {
                throw Error(entry, $"the peer {peer} and the local address {local} are of different families");
            }

            string[] flowFields = ["proto", "local_port", "peer_port"];
            int flowParts = flowFields.Count(field => entry.GetSection(field).Value is not null);
            ReflectFlow? flow = flowParts switch
            {
                0 => null,
                3 => new ReflectFlow(Parse<byte>(Field(entry, "proto"), FlowArguments.TryParseProtocol),
                    Parse<ushort>(Field(entry, "local_port"), FlowArguments.TryParsePort),
                    Parse<ushort>(Field(entry, "peer_port"), FlowArguments.TryParsePort)),
                _ => throw Error(entry, "proto, local_port and peer_port go together: a flow key has all three"),
            };
            return new DesiredEntry(new ReflectEntryKey(local, peer, flow),
                Parse<ReflectInterfaceId>(Field(entry, "iface"), InterfaceArgument.TryParseName).Name!,
                Parse<PhysicalAddress>(Field(entry, "lladdr"), LinkLayerAddressArgument.TryParse),
                entry.Path);
        }

        private T Parse<T>(IConfigurationSection value, TokenParser<T> parse) =>
            Parse(value, value.Value!, parse);

        private T Parse<T>(IConfigurationSection where, string token, TokenParser<T> parse) =>
            parse(token, out T? parsed, out string? error) ? parsed : throw Error(where, error);

        private IConfigurationSection Field(IConfigurationSection entry, string field)
        {
            IConfigurationSection value = entry.GetSection(field);
            return value.Value is not null ? value : throw Error(entry, $"lacks {field}");
        }

        // The children of a part that are values, not lists or objects.
        private IEnumerable<IConfigurationSection> Values(IConfigurationSection part) =>
            part.GetChildren().Select(child => child.Value is not null ? child : throw Error(child, "must be a value, not a list or an object"));

        // A list or an object, not a value: "interfaces": "eth0" must not read as no interfaces.
        // (An empty list or object reads as an empty or null value.)
        private void RequireContainer(IConfigurationSection part, string what)
        {
            if (!string.IsNullOrEmpty(part.Value))
            {
                throw Error(part, $"must be {what}");
            }
        }

        private void RequireKeys(IConfigurationSection part, string[] known)
        {
            RequireContainer(part, $"an object with {string.Join(", ", known)}");
            IConfigurationSection? unknown = part.GetChildren().FirstOrDefault(child => !known.Contains(child.Key, StringComparer.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                throw Error(unknown, $"unknown key; {Leaf(part)} takes {string.Join(", ", known)}");
            }
        }

        private List<T> Unique<T>(IEnumerable<T> values, IConfigurationSection part, Func<T, string> show)
        {
            List<T> all = values.ToList();
            T? twice = all.GroupBy(value => value).Where(group => group.Count() > 1).Select(group => group.Key).FirstOrDefault();
            return twice is null ? all : throw Error(part, $"{show(twice)} is listed twice");
        }

        private static string Leaf(IConfigurationSection part) =>
            int.TryParse(part.Key, out _) ? "an entry" : part.Key;

        private UsageException Error(IConfigurationSection where, string problem) => new($"{source}: {where.Path}: {problem}");
    }
}
