// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>REFLECT_CMD_ADD_IFACE, REFLECT_CMD_DEL_IFACE and REFLECT_CMD_GET_IFACE.</summary>
internal static class InterfaceMessages
{
    /*
        REFLECT_CMD_ADD_IFACE or REFLECT_CMD_DEL_IFACE request (do, admin)
        genlmsghdr  the command
        nlattr      REFLECT_A_IFINDEX     u32      when the interface is chosen by index,
        nlattr      REFLECT_A_IFNAME      string   or when by name: exactly one of the two
    */
    public static void WriteChange(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, byte command,
        ReflectInterfaceId id)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, command, dump: false);
        if (id.Index is int index)
        {
            writer.WriteU32(REFLECT_A_IFINDEX, (uint)index);
        }
        else
        {
            writer.WriteString(REFLECT_A_IFNAME, id.Name!);
        }

        writer.EndMessage();
    }

    /*
        REFLECT_CMD_GET_IFACE request (dump)
        genlmsghdr  REFLECT_CMD_GET_IFACE
        (no attributes)
    */
    public static void WriteGetInterfaces(ref NetlinkMessageWriter writer, ushort familyId, uint sequence) =>
        ReflectMessages.WriteBare(ref writer, familyId, sequence, REFLECT_CMD_GET_IFACE, dump: true);

    /*
        REFLECT_CMD_GET_IFACE reply: one part per enabled interface
        nlattr      REFLECT_A_IFINDEX     u32
        nlattr      REFLECT_A_IFNAME      string
        nlattr      REFLECT_A_STATS       nest of u64: that interface's counters
    */
    public static ReflectDump<ReflectInterface> ReadInterfaces(NetlinkAnswer answer, ushort familyId) =>
        ReflectMessages.ReadDump(answer, familyId, nameof(REFLECT_CMD_GET_IFACE), message => new ReflectInterface(
            (int)message.Required(REFLECT_A_IFINDEX).GetU32(),
            message.Required(REFLECT_A_IFNAME).GetString(),
            CounterAttributes.Read(message)));
}
