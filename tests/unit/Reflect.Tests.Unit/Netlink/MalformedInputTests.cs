// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

public sealed class MalformedInputTests
{
    public static TheoryData<string, byte[], string> MalformedDatagrams => new()
    {
        { "a header cut short", Wire.Raw(20u, (ushort)100, (ushort)0), "truncated netlink message header at offset 0: 8 bytes left, 16 needed" },
        { "a length below the header's", Wire.Raw(8u, (ushort)100, (ushort)0, 1u, 0u), "*declares length 8, less than its 16-byte header" },
        { "a length beyond the buffer", Wire.Raw(64u, (ushort)100, (ushort)0, 1u, 0u, 0u), "*declares length 64 but only 20 bytes are left" },
        { "stray bytes after a message", Wire.Raw(17u, (ushort)100, (ushort)0, 1u, 0u, (byte)1, (byte)0), "*followed by 1 stray bytes*" },
        { "a second header cut short", Wire.Raw(16u, (ushort)100, (ushort)0, 1u, 0u, 16u), "truncated netlink message header at offset 16*" },
    };

    public static TheoryData<string, byte[], string> MalformedAttributeBlocks => new()
    {
        { "a header cut short", Wire.Raw((ushort)8), "truncated attribute header at offset 0: 2 bytes left, 4 needed" },
        { "a length below the header's", Wire.Raw((ushort)2, (ushort)1, 0u), "attribute type 1 at offset 0 declares length 2, less than its 4-byte header" },
        { "a length beyond the block", Wire.Raw((ushort)12, (ushort)1, 0u), "attribute type 1 at offset 0 declares length 12 but only 8 bytes are left" },
        { "misaligned: stray bytes after an attribute", Wire.Raw((ushort)5, (ushort)1, (byte)1, (byte)0, (byte)0), "attribute type 1 at offset 0 is followed by 2 stray bytes*" },
    };

    [Theory]
    [MemberData(nameof(MalformedDatagrams))]
    public void A_malformed_datagram_is_rejected_saying_what_is_wrong(string malformation, byte[] datagram, string expectedMessage)
    {
        // Arrange
        _ = malformation;

        // Act
        Action act = () => Wire.ReadMessages(datagram);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage(expectedMessage);
    }

    [Theory]
    [MemberData(nameof(MalformedAttributeBlocks))]
    public void A_malformed_attribute_block_is_rejected_saying_what_is_wrong(string malformation, byte[] block, string expectedMessage)
    {
        // Arrange
        _ = malformation;

        // Act
        Action act = () => Wire.ReadAttributes(block);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage(expectedMessage);
    }

    [Fact]
    public void A_scalar_of_the_wrong_width_is_rejected()
    {
        // Arrange
        byte[] block = Wire.Raw((ushort)6, (ushort)3, (ushort)7, (ushort)0);

        // Act
        Action act = () =>
        {
            foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(block))
            {
                attribute.GetU32();
            }
        };

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("attribute type 3 carries 2 bytes where a u32 needs 4");
    }

    [Fact]
    public void A_malformed_nested_attribute_is_rejected()
    {
        // Arrange: the nest's inner attribute claims 16 bytes of the nest's 4.
        byte[] block = Wire.Raw((ushort)8, (ushort)(NLA_F_NESTED | 2), (ushort)16, (ushort)3);

        // Act
        Action act = () =>
        {
            foreach (NetlinkAttribute nest in new NetlinkAttributeReader(block))
            {
                Wire.ReadAttributes(nest.Payload);
            }
        };

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("attribute type 3 at offset 0 declares length 16 but only 4 bytes are left");
    }

    [Fact]
    public void A_generic_netlink_payload_shorter_than_genlmsghdr_is_rejected()
    {
        // Arrange
        byte[] payload = [3, 2];

        // Act
        Action act = () => Wire.ReadGeneric(payload);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("truncated genlmsghdr: 2 bytes of payload, 4 needed");
    }

    [Fact]
    public void An_NLMSG_ERROR_shorter_than_struct_nlmsgerr_is_rejected()
    {
        // Arrange
        var header = new NetlinkHeader(24, NLMSG_ERROR, 0, 1, 0);
        byte[] payload = Wire.Raw(-22, 0u);

        // Act
        Action act = () => NetlinkAcknowledgement.ReadError(header, payload);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("truncated NLMSG_ERROR: 8 bytes of payload, struct nlmsgerr needs 20");
    }

    [Fact]
    public void An_NLMSG_ERROR_whose_echoed_request_overruns_it_is_rejected()
    {
        // Arrange: not capped, so the echoed request's 40 bytes should follow; 16 do.
        var header = new NetlinkHeader(36, NLMSG_ERROR, 0, 1, 0);
        byte[] payload = Wire.Raw(-22, 40u, (ushort)16, (ushort)0, 1u, 0u);

        // Act
        Action act = () => NetlinkAcknowledgement.ReadError(header, payload);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("echoed request type 16 at offset 4 declares length 40 but only 16 bytes are left");
    }
}
