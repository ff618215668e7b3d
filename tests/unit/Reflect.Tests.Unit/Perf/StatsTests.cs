// SPDX-License-Identifier: MIT
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;
using static Reflect.Tests.Unit.Perf.PerfData;

namespace Reflect.Tests.Unit.Perf;

public sealed class StatsTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        Stats.Median([5.0, 1.0, 3.0]).Should().Be(3.0);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        Stats.Median([4.0, 1.0, 3.0, 10.0]).Should().Be(3.5);
    }

    [Fact]
    public void The_median_of_no_values_is_an_error_and_their_spread_is_null()
    {
        Func<double> median = () => Stats.Median([]);

        median.Should().Throw<ArgumentException>();
        Spread.Of([]).Should().BeNull();
    }

    [Fact]
    public void A_spread_holds_median_min_max_and_count()
    {
        Spread.Of([3.0, 9.0, 1.0, 4.0]).Should().Be(new Spread(3.5, 1.0, 9.0, 4));
    }

    [Fact]
    public void Ratios_are_paired_per_repetition_not_taken_between_medians()
    {
        // Repetition 2 was slow for everything: pairing cancels it, dividing medians would not.
        IEnumerable<Sample> peer = Series("peer", "udp64", 500, 98, 49, 97);
        IEnumerable<Sample> plain = Series("plain", "udp64", 100, 100, 50, 100);

        Stats.PairedRatios(peer, plain).Should().Equal(0.98, 0.98, 0.97);
    }

    [Fact]
    public void The_warm_up_repetition_is_left_out_of_values_and_ratios()
    {
        var peer = Series("peer", "tcp1", 1, 90, 100).ToList();
        var plain = Series("plain", "tcp1", 1000, 100, 100).ToList();

        Stats.PairedRatios(peer, plain).Should().Equal(0.9, 1.0);
        Stats.Measured(peer).Select(s => s.Repetition).Should().Equal(1, 2);
    }

    [Fact]
    public void A_repetition_failed_on_either_side_has_no_pair()
    {
        IEnumerable<Sample> peer = Series("peer", "tcp1", 1, 90, null, 80);
        IEnumerable<Sample> plain = Series("plain", "tcp1", 1, 100, 100, null);

        Stats.PairedRatios(peer, plain).Should().Equal(0.9);
    }
}
