// SPDX-License-Identifier: MIT
using System.Net;
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>REFLECT_CMD_ADD_SCOPE, REFLECT_CMD_DEL_SCOPE and REFLECT_CMD_GET_SCOPE.</summary>
public sealed class ScopeMessagesTests
{
    [Fact]
    public void An_add_scope_request_carries_family_address_prefix_length_and_action()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => ScopeMessages.WriteChange(ref w, FamilyId, Sequence,
            REFLECT_CMD_ADD_SCOPE, new ReflectScope(ReflectScopeAction.Exclude, IPNetwork.Parse("192.168.50.10/32"))));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_ACK);
        request.Generic.Command.Should().Be(REFLECT_CMD_ADD_SCOPE);
        request.Attributes.Should().ContainSingle().Which.Type.Should().Be(REFLECT_A_SCOPE);
        request.Nested(REFLECT_A_SCOPE).Should().BeEquivalentTo(
            [
                new AttributeValue(REFLECT_SCOPE_A_FAMILY, false, [2]),
                new AttributeValue(REFLECT_SCOPE_A_ADDR, false, [192, 168, 50, 10]),
                new AttributeValue(REFLECT_SCOPE_A_PREFIXLEN, false, [32]),
                new AttributeValue(REFLECT_SCOPE_A_ACTION, false, [REFLECT_SCOPE_EXCLUDE]),
            ],
            options => options.WithStrictOrdering());
    }

    [Theory]
    [InlineData(REFLECT_CMD_ADD_SCOPE, "include", "fd50::/64")]
    [InlineData(REFLECT_CMD_DEL_SCOPE, "exclude", "0.0.0.0/0")]
    public void A_scope_sent_by_a_request_reads_back_the_same_from_the_scope_dump(byte command, string action, string prefix)
    {
        // Arrange
        var scope = new ReflectScope(Enum.Parse<ReflectScopeAction>(action, ignoreCase: true), IPNetwork.Parse(prefix));
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => ScopeMessages.WriteChange(ref w, FamilyId, Sequence, command, scope));
        byte[] nest = request.Single(REFLECT_A_SCOPE).Payload;

        // Act: the request's nest, sent back as a GET_SCOPE part's.
        ReflectDump<ReflectScope> dump = ScopeMessages.ReadScopes(DumpAnswer((ref NetlinkMessageWriter w) => WriteScopePart(ref w, nest)), FamilyId);

        // Assert
        request.Generic.Command.Should().Be(command);
        dump.Items.Should().Equal(scope);
    }

    [Theory]
    [InlineData(new byte[] { 192, 168, 50, 10 }, 24, "REFLECT_CMD_GET_SCOPE: REFLECT_SCOPE_A_ADDR 192.168.50.10 has bits set after the first 24")]
    [InlineData(new byte[] { 10, 0, 0, 0 }, 33, "REFLECT_CMD_GET_SCOPE: REFLECT_SCOPE_A_PREFIXLEN 33 exceeds the 32 bits of its address")]
    public void A_scope_that_is_not_a_prefix_is_rejected(byte[] address, byte prefixLength, string message)
    {
        // Arrange
        byte[] nest = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.WriteU8(REFLECT_SCOPE_A_FAMILY, 2);
            w.WriteBinary(REFLECT_SCOPE_A_ADDR, address);
            w.WriteU8(REFLECT_SCOPE_A_PREFIXLEN, prefixLength);
            w.WriteU8(REFLECT_SCOPE_A_ACTION, REFLECT_SCOPE_INCLUDE);
        });

        // Act
        Action act = () => ScopeMessages.ReadScopes(DumpAnswer((ref NetlinkMessageWriter w) => WriteScopePart(ref w, nest)), FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage(message);
    }

    [Fact]
    public void The_scope_list_is_requested_as_a_dump_without_attributes()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => ScopeMessages.WriteGetScopes(ref w, FamilyId, Sequence));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_DUMP);
        request.Generic.Command.Should().Be(REFLECT_CMD_GET_SCOPE);
        request.Attributes.Should().BeEmpty();
    }

    private static void WriteScopePart(ref NetlinkMessageWriter w, byte[] nest)
    {
        BeginReply(ref w, REFLECT_CMD_GET_SCOPE, dumpPart: true);
        int scope = w.BeginNested(REFLECT_A_SCOPE);
        w.WriteRaw(nest);
        w.EndNested(scope);
        w.EndMessage();
    }
}
