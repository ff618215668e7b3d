// SPDX-License-Identifier: MIT
using Reflect.Guest.Kernels;

namespace Reflect.Tests.Unit.Guest;

public sealed class KernelMatrixTests
{
    [Fact]
    public void The_repository_matrix_lists_five_Debian_series_and_one_debug_kernel_with_6_1_as_default()
    {
        var matrix = KernelMatrix.LoadFromRepository();

        matrix.Series.Select(s => s.Name).Should().Equal("5.10", "6.1", "6.1-rt", "6.12", "sid", "6.12-debug");
        matrix.Series.Where(s => s.IsDebug).Select(s => s.Name).Should().Equal("6.12-debug");
        matrix.Default.Name.Should().Be("6.1");
    }

    [Theory]
    [InlineData("linux-source-6.12", true)]
    [InlineData("linux-source-6.1", false)]
    [InlineData("linux-image-6.12.117+deb12-amd64", false)]
    public void The_debug_series_names_the_source_package_it_is_built_from(string package, bool matches)
    {
        var matrix = KernelMatrix.LoadFromRepository();

        matrix.Select("6.12-debug").Single().ImagePackage.IsMatch(package).Should().Be(matches);
    }

    [Fact]
    public void Flags_combine_with_commas_and_an_unknown_flag_is_an_error()
    {
        var matrix = KernelMatrix.Parse("a  bookworm  linux-source-a  default,debug\n");
        Func<KernelMatrix> unknown = () => KernelMatrix.Parse("a  bookworm  linux-image-a  default,fast\n");

        matrix.Series.Single().Should().Match<KernelSeries>(s => s.IsDefault && s.IsDebug);
        unknown.Should().Throw<FormatException>().WithMessage("*unknown flag 'fast'*");
    }

    [Theory]
    [InlineData("5.10", "linux-image-5.10.0-46-amd64", true)]
    [InlineData("5.10", "linux-image-5.10.0-46-rt-amd64", false)]
    [InlineData("6.1", "linux-image-6.1.0-56-amd64", true)]
    [InlineData("6.1", "linux-image-6.1.0-0.deb11.52-amd64", false)]
    [InlineData("6.1-rt", "linux-image-6.1.0-56-rt-amd64", true)]
    [InlineData("6.12", "linux-image-6.12.117+deb12-amd64", true)]
    [InlineData("6.12", "linux-image-6.12.117+deb12-cloud-amd64", false)]
    [InlineData("sid", "linux-image-7.2.13+deb14-amd64", true)]
    [InlineData("sid", "linux-image-7.2.13+deb14-amd64-unsigned", false)]
    public void Each_series_matches_only_its_own_image_packages(string series, string package, bool matches)
    {
        var matrix = KernelMatrix.LoadFromRepository();

        matrix.Select(series).Single().ImagePackage.IsMatch(package).Should().Be(matches);
    }

    [Fact]
    public void A_selection_narrows_the_matrix_in_the_order_given_and_understands_default()
    {
        var matrix = KernelMatrix.LoadFromRepository();

        matrix.Select("sid, default").Select(s => s.Name).Should().Equal("sid", "6.1");
        matrix.Select("all").Should().HaveCount(matrix.Series.Count);
    }

    [Fact]
    public void An_empty_selection_is_every_Debian_series_and_the_debug_kernel_runs_when_named()
    {
        var matrix = KernelMatrix.LoadFromRepository();

        matrix.Select("").Should().Equal(matrix.Series.Where(s => !s.IsDebug));
        matrix.Select("6.12-debug").Single().IsDebug.Should().BeTrue();
        matrix.Select("all").Should().Contain(s => s.IsDebug);
    }

    [Fact]
    public void An_unknown_series_in_a_selection_is_an_error_not_a_silent_skip()
    {
        var matrix = KernelMatrix.LoadFromRepository();

        Func<IReadOnlyList<KernelSeries>> select = () => matrix.Select("6.1,4.19");

        select.Should().Throw<ArgumentException>().WithMessage("*4.19*");
    }

    [Fact]
    public void Adding_a_series_is_one_line()
    {
        var matrix = KernelMatrix.Parse("a  bookworm  linux-image-a  default\nb  sid,experimental  linux-image-b # comment\n");

        matrix.Series.Should().HaveCount(2);
        matrix.Series[1].Suites.Should().Equal("sid", "experimental");
    }

    [Theory]
    [InlineData("a bookworm x\nb bookworm y\n", "*exactly one*default*")]
    [InlineData("a bookworm x default\na sid y\n", "*listed twice*")]
    [InlineData("a bookworm\n", "*line 1*")]
    [InlineData("a bookworm x fast\n", "*unknown flag*")]
    public void A_malformed_matrix_is_rejected_with_the_reason(string text, string message)
    {
        Func<KernelMatrix> parse = () => KernelMatrix.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage(message);
    }
}
