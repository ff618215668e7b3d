// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Reflect.Guest;
using ReflectCtl;
using Cli = ReflectCtl.Cli;
using ReflectCtl.Arguments;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>
/// What the reflectctl package ships beside the binary, held to the command table it describes:
/// reflectctl(8) and the bash completion (packaging/), and the one version.
/// </summary>
public sealed partial class PackagingTests
{
    private static readonly string Packaging = Path.Combine(RepositoryPaths.Root, "packaging");

    private static string ManPage => File.ReadAllText(Path.Combine(Packaging, "reflectctl.8"));

    private static string Completion => File.ReadAllText(Path.Combine(Packaging, "reflectctl.bash-completion"));

    /// <summary>Every command that does something, by its path: "status", "config get", "entries add", ...</summary>
    private static List<(string Path, Command Command)> Leaves()
    {
        var leaves = new List<(string, Command)>();
        Walk(Cli.Create(() => new FakeReflectClient(), TextReader.Null), "");
        return leaves;

        void Walk(Command command, string path)
        {
            foreach (Command sub in command.Subcommands)
            {
                string subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
                if (sub.Subcommands.Count == 0)
                {
                    leaves.Add((subPath, sub));
                }

                Walk(sub, subPath);
            }
        }
    }

    [Fact]
    public void The_man_page_has_a_section_for_every_command()
    {
        string[] sections = ManPage.Split('\n').Where(line => line.StartsWith(".SS ", StringComparison.Ordinal)).ToArray();

        foreach ((string path, _) in Leaves())
        {
            sections.Should().Contain(section => section == $".SS {path}" || section.StartsWith($".SS {path} ", StringComparison.Ordinal),
                $"reflectctl {path} is a command");
        }
    }

    [Fact]
    public void The_man_page_describes_every_exit_code()
    {
        int[] codes = typeof(ExitCode).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (int)field.GetValue(null)!).ToArray();
        string exitStatus = ManPage[ManPage.IndexOf(".SH EXIT STATUS", StringComparison.Ordinal)..];
        exitStatus = exitStatus[..exitStatus.IndexOf(".SH FILES", StringComparison.Ordinal)];

        codes.Should().HaveCountGreaterThan(5);
        ExitCodeItem().Matches(exitStatus).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeEquivalentTo(codes);
    }

    [Fact]
    public void The_man_page_names_every_configuration_key()
    {
        foreach (ConfigKey key in ConfigKeys.All)
        {
            ManPage.Should().MatchRegex($@"\n\.B[IR] {key.Name}=", $"{key.Name} is a configuration key");
        }
    }

    [Fact]
    public void The_man_page_names_every_option_of_every_command()
    {
        foreach ((string path, Command command) in Leaves())
        {
            foreach (Option option in command.Options.Where(o => o.Name is not ("--help" or "--json")))
            {
                ManPage.Replace("\\-", "-", StringComparison.Ordinal).Should().Contain(option.Name, $"reflectctl {path} takes {option.Name}");
            }
        }
    }

    [Fact]
    public void Bash_completion_offers_every_command_subcommand_and_option()
    {
        foreach ((string path, Command command) in Leaves())
        {
            foreach (string word in path.Split(' '))
            {
                Completion.Should().MatchRegex($@"[""\s]{Regex.Escape(word)}[""\s)]", $"reflectctl {path} is a command");
            }

            foreach (Option option in command.Options.Where(o => o.Name != "--help"))
            {
                Completion.Should().Contain(option.Name, $"reflectctl {path} takes {option.Name}");
            }
        }

        foreach (ConfigKey key in ConfigKeys.All)
        {
            Completion.Should().Contain($"{key.Name}=");
        }
    }

    [Fact]
    public void Reflectctl_carries_the_modules_version_from_kmod_reflect_h()
    {
        string header = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "kmod", "reflect.h"));
        string version = ModuleVersion().Match(header).Groups[1].Value;

        version.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion
            .Should().StartWith(version);
        File.ReadAllText(Path.Combine(Packaging, "dkms.conf")).Should().Contain("PACKAGE_VERSION=\"#MODULE_VERSION#\"",
            "dh_dkms -V and make dkms-source put the version in");
    }

    [GeneratedRegex(@"\.TP\n\.B (\d+)\n")]
    private static partial Regex ExitCodeItem();

    [GeneratedRegex(@"#define REFLECT_VERSION ""([^""]+)""")]
    private static partial Regex ModuleVersion();
}
