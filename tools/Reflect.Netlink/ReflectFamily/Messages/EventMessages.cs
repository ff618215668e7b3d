// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>REFLECT_CMD_EVENT, the notifications of the multicast group REFLECT_GENL_MCGRP_EVENTS.</summary>
internal static class EventMessages
{
    /*
        REFLECT_CMD_EVENT notification, one per message, several to a datagram at times
        nlmsghdr    nlmsg_type family id, nlmsg_seq 0, nlmsg_pid 0
        genlmsghdr  REFLECT_CMD_EVENT
        nlattr      REFLECT_A_EVENT           u8    enum reflect_event
        nlattr      REFLECT_A_ENTRY           nest, as a GET_ENTRY part has it (EntryMessages.cs)
        nlattr      REFLECT_A_EVENTS_LOST     u32   events not announced since the previous; absent when none
        Messages of another type or command are skipped: the group carries only these today.
    */
    public static List<ReflectNotification> ReadEvents(ReadOnlySpan<byte> datagram, ushort familyId)
    {
        var events = new List<ReflectNotification>();
        foreach (NetlinkMessage message in new NetlinkMessageReader(datagram))
        {
            if (message.Header.Type != familyId)
            {
                continue;
            }

            GenericNetlinkHeader header = GenericNetlinkHeader.Read(message.Payload, out ReadOnlySpan<byte> attributes);
            if (header.Command == REFLECT_CMD_EVENT)
            {
                events.Add(ReadEvent(NetlinkAttributeTable.Parse(attributes, REFLECT_A_MAX, nameof(REFLECT_CMD_EVENT))));
            }
        }

        return events;
    }

    private static ReflectEvent ReadEvent(NetlinkAttributeTable message) => new(
        (ReflectEventType)message.Required(REFLECT_A_EVENT).GetU8(),
        EntryMessages.ReadEntry(message),
        message.TryGet(REFLECT_A_EVENTS_LOST, out NetlinkAttribute lost) ? lost.GetU32() : 0);
}
