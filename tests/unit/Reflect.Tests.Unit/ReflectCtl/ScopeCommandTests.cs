// SPDX-License-Identifier: MIT
using System.Net;
using Reflect.Netlink;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class ScopeCommandTests
{
    [Theory]
    [InlineData("add", "exclude", "192.168.50.10/32", "AddScope")]
    [InlineData("add", "include", "fd50::/64", "AddScope")]
    [InlineData("del", "include", "0.0.0.0/0", "DeleteScope")]
    public void Scope_add_and_del_send_the_action_and_prefix(string verb, string action, string prefix, string method)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("scope", verb, action, prefix);

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall(method,
            new ReflectScope(Enum.Parse<ReflectScopeAction>(action, ignoreCase: true), IPNetwork.Parse(prefix))));
    }

    [Theory]
    [InlineData("include", "192.168.50.10/24", "'192.168.50.10/24': the host bits, those after the first 24, must be zero (the prefix is 192.168.50.0/24)")]
    [InlineData("exclude", "fd50::1/64", "'fd50::1/64': the host bits, those after the first 64, must be zero (the prefix is fd50::/64)")]
    [InlineData("include", "192.168.50.10", "'192.168.50.10' is not a prefix: ADDRESS/LENGTH, e.g. 192.168.50.10/32 or fd50::/64")]
    [InlineData("include", "10.1/8", "'10.1/8' is not a prefix: ADDRESS/LENGTH, e.g. 192.168.50.10/32 or fd50::/64")]
    [InlineData("include", "10.0.0.0/33", "'10.0.0.0/33': a prefix length is at most 32 for this address family")]
    [InlineData("include", "fe80::%2/64", "'fe80::%2/64' is not a prefix: ADDRESS/LENGTH, e.g. 192.168.50.10/32 or fd50::/64")]
    [InlineData("allow", "10.0.0.0/8", "'allow' is not a scope action: include or exclude")]
    public void A_scope_the_kernel_would_refuse_is_a_usage_error(string action, string prefix, string message)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("scope", "add", action, prefix);

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith($"reflectctl: {message}\n");
        client.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Scope_list_json_has_each_prefix_with_its_action()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            Scopes = new(
            [
                new ReflectScope(ReflectScopeAction.Exclude, IPNetwork.Parse("192.168.50.10/32")),
                new ReflectScope(ReflectScopeAction.Include, IPNetwork.Parse("fd50::/64")),
            ], false),
        };

        // Act
        (int exitCode, string output, _) = client.Run("scope", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().Be(
            OneLine(
                """
                {"scopes":[{"action":"exclude","prefix":"192.168.50.10/32"},{"action":"include","prefix":"fd50::/64"}]}
                """));
    }

    [Fact]
    public void Scope_list_text_is_a_table_of_actions_and_prefixes()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            Scopes = new([new ReflectScope(ReflectScopeAction.Exclude, IPNetwork.Parse("192.168.50.10/32"))], false),
        };

        // Act
        (_, string output, _) = client.Run("scope", "list");

        // Assert
        output.Split('\n').Should().Equal("ACTION   PREFIX", "exclude  192.168.50.10/32", "");
    }
}
