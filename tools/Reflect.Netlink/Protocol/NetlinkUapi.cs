// SPDX-License-Identifier: MIT
namespace Reflect.Netlink.Protocol;

/// <summary>Constants of include/uapi/linux/netlink.h, named verbatim.</summary>
internal static class NetlinkUapi
{
    public const int NLMSG_ALIGNTO = 4;
    public const int NLMSG_HDRLEN = 16;
    public const int NLA_ALIGNTO = 4;
    public const int NLA_HDRLEN = 4;

    // nlmsghdr.nlmsg_type values below NLMSG_MIN_TYPE are control messages.
    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;

    // nlmsghdr.nlmsg_flags
    public const ushort NLM_F_REQUEST = 0x01;
    public const ushort NLM_F_MULTI = 0x02;
    public const ushort NLM_F_ACK = 0x04;
    // ... on a dump part or its NLMSG_DONE: the dumped data changed between two parts.
    public const ushort NLM_F_DUMP_INTR = 0x10;
    public const ushort NLM_F_DUMP = 0x300;
    // ... on NLMSG_ERROR: the echoed request is cut to its header; extended-ack TLVs follow.
    public const ushort NLM_F_CAPPED = 0x100;
    public const ushort NLM_F_ACK_TLVS = 0x200;

    // nlattr.nla_type carries two flags above the type itself.
    public const ushort NLA_F_NESTED = 1 << 15;
    public const ushort NLA_F_NET_BYTEORDER = 1 << 14;
    public const ushort NLA_TYPE_MASK = unchecked((ushort)~(NLA_F_NESTED | NLA_F_NET_BYTEORDER));

    // enum nlmsgerr_attrs: extended-ack TLVs after struct nlmsgerr.
    public const ushort NLMSGERR_ATTR_MSG = 1;
    public const ushort NLMSGERR_ATTR_OFFS = 2;

    public static int Align(int length) => (length + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);
}

/// <summary>Constants of include/uapi/linux/genetlink.h, named verbatim.</summary>
internal static class GenericNetlinkUapi
{
    public const int GENL_HDRLEN = 4;
    public const ushort GENL_ID_CTRL = 0x10;
    public const string GENL_CTRL_NAME = "nlctrl";
    public const byte GENL_CTRL_VERSION = 2;

    public const byte CTRL_CMD_NEWFAMILY = 1;
    public const byte CTRL_CMD_GETFAMILY = 3;

    public const ushort CTRL_ATTR_FAMILY_ID = 1;
    public const ushort CTRL_ATTR_FAMILY_NAME = 2;
    public const ushort CTRL_ATTR_MCAST_GROUPS = 7;

    // enum ctrl_attr_mcast_grp: attributes of each nest in CTRL_ATTR_MCAST_GROUPS.
    public const ushort CTRL_ATTR_MCAST_GRP_NAME = 1;
    public const ushort CTRL_ATTR_MCAST_GRP_ID = 2;
}

/// <summary>The Linux errno values this library acts on (asm-generic/errno-base.h, errno.h).</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EEXIST = 17;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int ENOPROTOOPT = 92;
    public const int ENOBUFS = 105;
}
