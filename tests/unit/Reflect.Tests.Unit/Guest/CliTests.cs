// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Guest;

namespace Reflect.Tests.Unit.Guest;

public sealed class CliTests
{
    private static KernelLab NoLab() => throw new InvalidOperationException("a usage error must not open the lab");

    private static KernelLab QuietLab() => new(_ => { });

    [Theory]
    [InlineData]
    [InlineData("boot")]
    [InlineData("run", "6.1")]
    public async Task A_missing_or_unknown_verb_or_argument_is_a_usage_error_that_opens_no_lab(params string[] args)
    {
        var error = new StringWriter();

        int status = await Cli.RunAsync(args, NoLab, error);

        status.Should().Be(Cli.Usage);
        error.ToString().Should().StartWith("reflect-guest: ").And.EndWith("Try 'reflect-guest --help'.\n");
    }

    [Theory]
    [InlineData("fetch", "6.1", "nope")]
    [InlineData("build", "nope")]
    [InlineData("run", "nope", "script.sh")]
    public async Task An_unknown_series_fails_before_any_fetch_and_names_the_series_there_are(params string[] args)
    {
        var error = new StringWriter();

        int status = await Cli.RunAsync(args, QuietLab, error);

        status.Should().Be(Cli.Failed);
        error.ToString().Should().StartWith("reflect-guest: unknown kernel series 'nope'; ci/kernels has: 5.10, 6.1");
    }

    [Fact]
    public async Task Run_takes_exactly_one_series()
    {
        var error = new StringWriter();

        int status = await Cli.RunAsync(["run", "6.1,6.12", "script.sh"], QuietLab, error);

        status.Should().Be(Cli.Failed);
        error.ToString().Should().Be("reflect-guest: run takes exactly one series\n");
    }

    [Fact]
    public void Everything_after_the_script_goes_to_the_script_in_order()
    {
        ParseResult parsed = Cli.Create(NoLab).Parse(["run", "default", "tests/qemu/scenarios/flood.sh", "10", "--", "-v", "last"]);

        parsed.Errors.Should().BeEmpty();
        parsed.GetValue<string>("SERIES").Should().Be("default");
        parsed.GetValue<string>("SCRIPT").Should().Be("tests/qemu/scenarios/flood.sh");
        parsed.GetValue<string[]>("ARGS").Should().Equal("10", "-v", "last");
    }
}
