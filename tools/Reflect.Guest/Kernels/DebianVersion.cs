// SPDX-License-Identifier: MIT
namespace Reflect.Guest.Kernels;

/// <summary>
/// Debian package version ordering ([epoch:]upstream[-revision]), as dpkg compares them:
/// '~' sorts before everything, letters before non-letters, digit runs numerically.
/// </summary>
public static class DebianVersion
{
    public static int Compare(string left, string right)
    {
        (long leftEpoch, string leftUpstream, string leftRevision) = Split(left);
        (long rightEpoch, string rightUpstream, string rightRevision) = Split(right);
        int result = leftEpoch.CompareTo(rightEpoch);
        if (result == 0)
        {
            result = ComparePart(leftUpstream, rightUpstream);
        }

        if (result == 0)
        {
            result = ComparePart(leftRevision, rightRevision);
        }

        return Math.Sign(result);
    }

    private static (long Epoch, string Upstream, string Revision) Split(string version)
    {
        long epoch = 0;
        int colon = version.IndexOf(':');
        if (colon > 0)
        {
            epoch = long.Parse(version[..colon], System.Globalization.CultureInfo.InvariantCulture);
            version = version[(colon + 1)..];
        }

        int dash = version.LastIndexOf('-');
        return dash >= 0 ? (epoch, version[..dash], version[(dash + 1)..]) : (epoch, version, "");
    }

    private static int ComparePart(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            // Non-digit prefix, character by character.
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                int ca = i < a.Length && !char.IsAsciiDigit(a[i]) ? Order(a[i]) : 0;
                int cb = j < b.Length && !char.IsAsciiDigit(b[j]) ? Order(b[j]) : 0;
                if (ca != cb)
                {
                    return ca - cb;
                }

                if (i < a.Length && !char.IsAsciiDigit(a[i]))
                {
                    i++;
                }

                if (j < b.Length && !char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
            }
            // Digit run, numerically.
            while (i < a.Length && a[i] == '0')
            {
                i++;
            }

            while (j < b.Length && b[j] == '0')
            {
                j++;
            }

            int startA = i, startB = j;
            while (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                i++;
            }

            while (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                j++;
            }

            int lengthDiff = (i - startA) - (j - startB);
            if (lengthDiff != 0)
            {
                return lengthDiff;
            }

            int digits = string.CompareOrdinal(a, startA, b, startB, i - startA);
            if (digits != 0)
            {
                return digits;
            }
        }

        return 0;
    }

    private static int Order(char c) => c switch
    {
        '~' => -1,
        _ when char.IsAsciiLetter(c) => c,
        _ => c + 256,
    };
}
