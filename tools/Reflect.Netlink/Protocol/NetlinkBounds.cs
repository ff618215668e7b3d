// SPDX-License-Identifier: MIT
namespace Reflect.Netlink.Protocol;

/// <summary>
/// The length checks that messages and attributes share: both are a header holding its own
/// length, a payload, and padding to the next 4-byte boundary.
/// </summary>
internal static class NetlinkBounds
{
    public static void RequireHeader(string kind, int offset, int available, int headerLength)
    {
        if (available < headerLength)
        {
            throw new NetlinkFormatException(
                $"truncated {kind} header at offset {offset}: {available} bytes left, {headerLength} needed");
        }
    }

    /// <summary>
    /// Checks the length an element at <paramref name="offset"/> declares against the
    /// <paramref name="available"/> bytes from there on, and returns the offset of the next element.
    /// </summary>
    public static int Next(string kind, int type, int offset, int available, long declaredLength, int headerLength)
    {
        if (declaredLength < headerLength)
        {
            throw new NetlinkFormatException(
                $"{kind} type {type} at offset {offset} declares length {declaredLength}, less than its {headerLength}-byte header");
        }

        if (declaredLength > available)
        {
            throw new NetlinkFormatException(
                $"{kind} type {type} at offset {offset} declares length {declaredLength} but only {available} bytes are left");
        }

        // The last element may end without padding; anything else must pad to a 4-byte boundary.
        int aligned = NetlinkUapi.Align((int)declaredLength);
        if (aligned > available && declaredLength != available)
        {
            throw new NetlinkFormatException(
                $"{kind} type {type} at offset {offset} is followed by {available - declaredLength} stray bytes, not padding to a 4-byte boundary");
        }

        return offset + Math.Min(aligned, available);
    }
}
