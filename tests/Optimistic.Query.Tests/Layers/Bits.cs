namespace Optimistic.Query.Tests.Layers;

/// <summary>A todo list as a string of '0'/'1' flags: immutable, value-equal, readable in assertion messages.</summary>
internal static class Bits
{
    public static string Toggle(string bits, int index)
    {
        var chars = bits.ToCharArray();
        chars[index] = chars[index] == '1' ? '0' : '1';
        return new string(chars);
    }

    public static string Zeros(int count) => new('0', count);
}
