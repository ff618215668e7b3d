// SPDX-License-Identifier: MIT
using System.Net;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>REFLECT_CMD_ADD_SCOPE, REFLECT_CMD_DEL_SCOPE and REFLECT_CMD_GET_SCOPE.</summary>
internal static class ScopeMessages
{
    /*
        REFLECT_CMD_ADD_SCOPE or REFLECT_CMD_DEL_SCOPE request (do, admin)
        genlmsghdr  the command
        nlattr      REFLECT_A_SCOPE                nest:
          nlattr      REFLECT_SCOPE_A_FAMILY       u8    AF_INET or AF_INET6
          nlattr      REFLECT_SCOPE_A_ADDR         4 or 16 bytes, network order, host bits zero
          nlattr      REFLECT_SCOPE_A_PREFIXLEN    u8    0..32 or 0..128
          nlattr      REFLECT_SCOPE_A_ACTION       u8    enum reflect_scope_action
    */
    public static void WriteChange(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, byte command,
        ReflectScope scope)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, command, dump: false);
        int nest = writer.BeginNested(REFLECT_A_SCOPE);
        AddressAttributes.WriteFamily(ref writer, REFLECT_SCOPE_A_FAMILY, scope.Prefix.BaseAddress);
        AddressAttributes.WriteAddress(ref writer, REFLECT_SCOPE_A_ADDR, scope.Prefix.BaseAddress);
        writer.WriteU8(REFLECT_SCOPE_A_PREFIXLEN, (byte)scope.Prefix.PrefixLength);
        writer.WriteU8(REFLECT_SCOPE_A_ACTION, (byte)scope.Action);
        writer.EndNested(nest);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_GET_SCOPE request (dump)
        genlmsghdr  REFLECT_CMD_GET_SCOPE
        (no attributes)
    */
    public static void WriteGetScopes(ref NetlinkMessageWriter writer, ushort familyId, uint sequence) =>
        ReflectMessages.WriteBare(ref writer, familyId, sequence, REFLECT_CMD_GET_SCOPE, dump: true);

    /*
        REFLECT_CMD_GET_SCOPE reply: one part per prefix
        nlattr      REFLECT_A_SCOPE                nest, as in the ADD_SCOPE request
    */
    public static ReflectDump<ReflectScope> ReadScopes(NetlinkAnswer answer, ushort familyId) =>
        ReflectMessages.ReadDump(answer, familyId, nameof(REFLECT_CMD_GET_SCOPE), message =>
        {
            NetlinkAttributeTable scope = message.RequiredNested(REFLECT_A_SCOPE, REFLECT_SCOPE_A_MAX);
            int addressLength = AddressAttributes.ReadFamily(scope, REFLECT_SCOPE_A_FAMILY);
            IPAddress address = AddressAttributes.ReadAddress(scope, REFLECT_SCOPE_A_ADDR, addressLength);
            byte prefixLength = scope.Required(REFLECT_SCOPE_A_PREFIXLEN).GetU8();
            var action = (ReflectScopeAction)scope.Required(REFLECT_SCOPE_A_ACTION).GetU8();
            if (prefixLength > addressLength * 8)
            {
                throw scope.Malformed($"REFLECT_SCOPE_A_PREFIXLEN {prefixLength} exceeds the {addressLength * 8} bits of its address");
            }

            var prefix = new IPNetwork(address, prefixLength);
            return prefix.BaseAddress.Equals(address) ? new ReflectScope(action, prefix)
                : throw scope.Malformed($"REFLECT_SCOPE_A_ADDR {address} has bits set after the first {prefixLength}");
        });
}
