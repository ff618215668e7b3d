// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;

namespace Reflect.Tests.Unit.Perf;

public sealed class InterleavingTests
{
    private static readonly string[] Six = ["plain", "loaded", "peer", "flow", "recipe", "conntrack"];

    [Fact]
    public void Each_repetition_visits_every_configuration_once_and_the_start_rotates()
    {
        IReadOnlyList<Visit> order = Interleaving.Order(["A", "B", "C"], repetitions: 3);

        order.Select(v => $"{v.Repetition}{v.Configuration}").Should().Equal("0A", "1B", "1C", "1A", "2C", "2A", "2B", "3A", "3B", "3C");
    }

    [Fact]
    public void The_warm_up_is_one_visit_to_the_first_configuration_and_comes_first()
    {
        IReadOnlyList<Visit> order = Interleaving.Order(Six, repetitions: 5);

        order[0].Should().Be(new Visit(0, "plain"));
        order.Skip(1).Should().NotContain(v => v.IsWarmUp);
        order.Should().HaveCount(1 + 5 * 6);
    }

    [Fact]
    public void No_configuration_always_runs_first_in_a_repetition()
    {
        IEnumerable<string> firsts = Interleaving.Order(Six, repetitions: 6).Where(v => !v.IsWarmUp).GroupBy(v => v.Repetition).Select(g => g.First().Configuration);

        firsts.Should().OnlyHaveUniqueItems().And.HaveCount(6);
    }

    [Fact]
    public void Without_configurations_there_is_nothing_to_visit()
    {
        Interleaving.Order([], repetitions: 5).Should().BeEmpty();
    }

    [Fact]
    public void No_configuration_is_visited_twice_in_a_row()
    {
        IReadOnlyList<Visit> order = Interleaving.Order(Six, repetitions: 5);

        order.Zip(order.Skip(1)).Should().NotContain(pair => pair.First.Configuration == pair.Second.Configuration);
    }
}
