// SPDX-License-Identifier: MIT
using Reflect.Guest.Kernels;

namespace Reflect.Tests.Unit.Guest;

public sealed class AptTests
{
    private const string Deb822 = """
        Types: deb
        # a comment
        URIs: http://mirror.example/debian
        Suites: bookworm bookworm-updates
        Components: main
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb
        URIs: http://security.example/debian-security
        Suites: bookworm-security
        Components: main
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb
        URIs: https://vendor.example/node_20.x
        Suites: nodistro
        Components: main
        """;

    [Fact]
    public void The_archive_and_security_mirrors_are_read_from_deb822_sources()
    {
        var sources = AptSources.ParseDeb822(Deb822).ToList();

        AptSources.MirrorFor(sources, "sid").Uri.Should().Be("http://mirror.example/debian");
        AptSources.MirrorFor(sources, "bullseye-security").Uri.Should().Be("http://security.example/debian-security");
        AptSources.MirrorFor(sources, "sid").SignedBy.Should().Be("/usr/share/keyrings/debian-archive-keyring.gpg");
    }

    [Fact]
    public void One_line_sources_with_options_are_read_too()
    {
        var sources = AptSources.ParseOneLine("deb [arch=amd64 signed-by=/k.gpg] http://m.example/debian/ bullseye main\n# deb http://x y z\n").ToList();

        sources.Should().ContainSingle().Which.Should().BeEquivalentTo(new AptSource("http://m.example/debian", ["bullseye"], "/k.gpg"));
    }

    [Fact]
    public void A_machine_without_a_debian_security_source_gets_a_clear_error()
    {
        var sources = AptSources.ParseOneLine("deb http://m.example/debian bookworm main\n").ToList();

        Func<AptSource> find = () => AptSources.MirrorFor(sources, "bookworm-security");

        find.Should().Throw<InvalidOperationException>().WithMessage("*security*");
    }

    [Fact]
    public void Madison_output_gives_package_version_and_suite()
    {
        IReadOnlyList<PackageOffer> offers = AptCacheOutput.ParseMadison("""
            linux-image-6.1.0-56-amd64 |  6.1.192-2 | http://m.example/debian-security bookworm-security/main amd64 Packages
            linux-kbuild-5.10 | 5.10.223-1 | http://m.example/debian bullseye/main amd64 Packages
            """);

        offers.Should().Equal(
            new PackageOffer("linux-image-6.1.0-56-amd64", "6.1.192-2", "bookworm-security"),
            new PackageOffer("linux-kbuild-5.10", "5.10.223-1", "bullseye"));
    }

    [Fact]
    public void Depends_fields_split_into_names_and_version_constraints()
    {
        IReadOnlyList<(string Package, string? Operator, string? Version)> depends = AptCacheOutput.ParseDepends(
            "gcc-16-for-host, linux-image-7.2.13+deb14-amd64 (= 7.2.13-1) | linux-image-7.2.13+deb14-amd64-unsigned (= 7.2.13-1), libc6 (>= 2.38), zlib1g:amd64");

        depends.Should().Equal(
            ("gcc-16-for-host", null, null),
            ("linux-image-7.2.13+deb14-amd64", "=", "7.2.13-1"),
            ("linux-image-7.2.13+deb14-amd64-unsigned", "=", "7.2.13-1"),
            ("libc6", ">=", "2.38"),
            ("zlib1g", null, null));
    }

    [Fact]
    public void Control_text_splits_into_stanzas_with_continuations_joined()
    {
        IReadOnlyList<IReadOnlyDictionary<string, string>> stanzas = AptCacheOutput.ParseStanzas("Package: a\nDescription: one\n two\n\nPackage: b\nVersion: 1\n");

        stanzas.Should().HaveCount(2);
        stanzas[0]["Description"].Should().Be("one\ntwo");
        stanzas[1]["Version"].Should().Be("1");
    }
}
