using System.Security.Cryptography;
using System.Text;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>
/// Builds and edits stored bytes the way the README documents the format (written here independently of the library):
/// version 2 is <c>{"formatVersion":2,"sha256":"…","payload":{…}}</c>, the hash being the lowercase hex SHA-256 of the
/// payload's bytes exactly as they appear in the file.
/// </summary>
internal static class StoreBytes
{
    /// <summary>A version-2 store around <paramref name="payload"/>, with a matching checksum.</summary>
    public static byte[] Wrap(string payload) => Wrap(Encoding.UTF8.GetBytes(payload));

    /// <summary>A version-2 store around raw payload bytes (which may be anything), with a matching checksum.</summary>
    public static byte[] Wrap(byte[] payload)
    {
        string hash = Convert.ToHexString(SHA256.HashData(payload)).ToLowerInvariant();
        var head = Encoding.UTF8.GetBytes($"{{\"formatVersion\":2,\"sha256\":\"{hash}\",\"payload\":");
        return [.. head, .. payload, (byte)'}'];
    }

    /// <summary>The payload's bytes inside a version-2 store (from the opening brace after "payload": to the store's last brace).</summary>
    public static byte[] Payload(byte[] store)
    {
        int start = IndexOf(store, "\"payload\":") + "\"payload\":".Length;
        return store[start..^1];
    }

    /// <summary>The position of <paramref name="text"/>'s UTF-8 bytes in <paramref name="bytes"/> (the test fails if absent).</summary>
    public static int IndexOf(byte[] bytes, string text)
    {
        int index = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        Assert.True(index >= 0, $"'{text}' is not in the store");
        return index;
    }

    /// <summary>A copy with the first occurrence of <paramref name="from"/> replaced by <paramref name="to"/> (same length).</summary>
    public static byte[] Replace(byte[] bytes, string from, string to)
    {
        Assert.Equal(Encoding.UTF8.GetByteCount(from), Encoding.UTF8.GetByteCount(to));
        var copy = (byte[])bytes.Clone();
        Encoding.UTF8.GetBytes(to).CopyTo(copy, IndexOf(bytes, from));
        return copy;
    }
}
