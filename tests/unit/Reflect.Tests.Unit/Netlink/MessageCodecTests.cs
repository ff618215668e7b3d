// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

public sealed class MessageCodecTests
{
    [Fact]
    public void A_message_header_round_trips_through_writer_and_reader()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(0x1234, NLM_F_REQUEST | NLM_F_ACK, sequence: 7, portId: 99);
            w.WriteGenericHeader(command: 3, version: 2);
            w.EndMessage();
        });

        // Act
        List<MessageValue> messages = Wire.ReadMessages(bytes);

        // Assert
        messages.Should().ContainSingle().Which.Header.Should().Be(
            new NetlinkHeader(Length: 20, Type: 0x1234, Flags: NLM_F_REQUEST | NLM_F_ACK, Sequence: 7, PortId: 99));
        Wire.ReadGeneric(messages[0].Payload).Header.Should().Be(new GenericNetlinkHeader(Command: 3, Version: 2));
    }

    [Fact]
    public void Attributes_of_every_type_round_trip_through_writer_and_reader()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(100, NLM_F_REQUEST, 1);
            w.WriteU8(1, 0xAB);
            w.WriteU16(2, 0xBEEF);
            w.WriteU32(3, 0xDEADBEEF);
            w.WriteU64(4, 0x0123456789ABCDEF);
            w.WriteString(5, "reflect 1.0");
            w.WriteBinary(6, [1, 2, 3, 4, 5]);
            w.EndMessage();
        });

        // Act
        var values = new List<object>();
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(Wire.ReadMessages(bytes)[0].Payload))
        {
            values.Add(attribute.Type switch
            {
                1 => attribute.GetU8(),
                2 => attribute.GetU16(),
                3 => attribute.GetU32(),
                4 => attribute.GetU64(),
                5 => attribute.GetString(),
                _ => Convert.ToHexString(attribute.Payload),
            });
        }

        // Assert
        values.Should().Equal((byte)0xAB, (ushort)0xBEEF, 0xDEADBEEFu, 0x0123456789ABCDEFul, "reflect 1.0", "0102030405");
    }

    [Fact]
    public void A_nested_attribute_round_trips_through_writer_and_reader()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(100, NLM_F_REQUEST, 1);
            int nest = w.BeginNested(2);
            w.WriteU64(3, 30);
            w.WriteU8(4, 40);
            w.EndNested(nest);
            w.WriteU32(5, 50);
            w.EndMessage();
        });

        // Act
        List<AttributeValue> outer = Wire.ReadAttributes(Wire.ReadMessages(bytes)[0].Payload);
        List<AttributeValue> inner = Wire.ReadAttributes(outer[0].Payload);

        // Assert
        outer.Select(a => (a.Type, a.IsNested)).Should().Equal((2, true), (5, false));
        outer[0].Payload.Should().HaveCount(12 + 8, "a u64 attribute takes 12 bytes and a padded u8 one 8");
        inner.Select(a => a.Type).Should().Equal(3, 4);
        inner[1].Payload.Should().Equal(40);
    }

    [Fact]
    public void Attributes_are_zero_padded_to_four_bytes_and_their_length_excludes_the_padding()
    {
        // Arrange
        byte[] buffer = new byte[64];
        Array.Fill(buffer, (byte)0xFF);

        // Act
        var writer = new NetlinkMessageWriter(buffer);
        writer.WriteU8(1, 0x11);
        writer.WriteString(2, "ab");
        byte[] written = writer.Written.ToArray();

        // Assert
        written.Should().Equal(Wire.Raw(
            (ushort)5, (ushort)1, (byte)0x11, (byte)0, (byte)0, (byte)0,
            (ushort)7, (ushort)2, (byte)'a', (byte)'b', (byte)0, (byte)0));
    }

    [Fact]
    public void Type_flags_are_masked_off_the_attribute_type()
    {
        // Arrange
        byte[] block = Wire.Raw((ushort)8, (ushort)(NLA_F_NET_BYTEORDER | 9), 1u);

        // Act
        AttributeValue attribute = Wire.ReadAttributes(block).Single();

        // Assert
        attribute.Type.Should().Be(9);
        attribute.IsNested.Should().BeFalse();
    }

    [Fact]
    public void A_nest_sent_without_NLA_F_NESTED_is_still_read_as_a_nest()
    {
        // Arrange: an older kernel's nla_nest_start() did not set the flag.
        byte[] block = Wire.Raw((ushort)12, (ushort)2, (ushort)8, (ushort)3, 77u);
        var types = new List<ushort>();

        // Act
        foreach (NetlinkAttribute nest in new NetlinkAttributeReader(block))
        {
            foreach (NetlinkAttribute inner in nest.GetNested())
            {
                types.Add(inner.Type);
            }
        }

        // Assert
        types.Should().Equal(3);
    }

    [Fact]
    public void A_string_without_a_terminating_NUL_is_read_whole()
    {
        // Arrange: NLA_STRING, unlike NLA_NUL_STRING, need not end in NUL.
        byte[] block = Wire.Raw((ushort)8, (ushort)1, "abcd"u8.ToArray());
        string value = "";

        // Act
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(block))
        {
            value = attribute.GetString();
        }

        // Assert
        value.Should().Be("abcd");
    }

    [Fact]
    public void Several_messages_in_one_datagram_are_read_in_order()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            for (uint sequence = 1; sequence <= 3; sequence++)
            {
                w.BeginMessage(100, NLM_F_MULTI, sequence);
                w.WriteU8(1, (byte)sequence);
                w.EndMessage();
            }
        });

        // Act
        List<MessageValue> messages = Wire.ReadMessages(bytes);

        // Assert
        messages.Select(m => m.Header.Sequence).Should().Equal(1u, 2u, 3u);
        messages.Should().OnlyContain(m => m.Header.Length == 24 && m.Payload.Length == 8);
    }

    [Fact]
    public void A_message_too_large_for_the_buffer_is_refused_by_the_writer()
    {
        // Arrange
        byte[] buffer = new byte[20];

        // Act
        Action act = () =>
        {
            var writer = new NetlinkMessageWriter(buffer);
            writer.BeginMessage(100, NLM_F_REQUEST, 1);
            writer.WriteU32(1, 1);
        };

        // Assert
        act.Should().Throw<InvalidOperationException>().WithMessage("*does not fit in its 20-byte buffer*");
    }
}
