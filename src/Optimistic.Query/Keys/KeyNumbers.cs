using System;
using System.Globalization;
using System.Numerics;

namespace Optimistic.Query.Keys;

/// <summary>
/// Normalizes numbers of every CLR type to one canonical node, so a value is the same key part whatever type
/// carried it: an integral value in the range of <see cref="long"/> is an <see cref="IntegerNode"/>; an integral
/// value of an integer type (or decimal) beyond that range is a <see cref="BigIntegerNode"/>, kept exact; anything
/// else is a <see cref="RealNode"/> holding a double. Floats are read as the decimal number they print as, so
/// <c>0.1f</c> is the same part as <c>0.1</c>. NaN and infinities are rejected: they have no JSON form.
/// </summary>
internal static class KeyNumbers
{
    private static readonly BigInteger MinLong = long.MinValue;
    private static readonly BigInteger MaxLong = long.MaxValue;

    /// <summary>The node for <paramref name="value"/>, or null when it is not a number.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static KeyNode? TryNormalize(object value, int partIndex) => value switch
    {
        int v => IntegerNode.Of(v),
        long v => IntegerNode.Of(v),
        double v => FromDouble(v, typeof(double), partIndex),
        decimal v => FromDecimal(v),
        float v => FromFloat(v, partIndex),
        byte v => IntegerNode.Of(v),
        sbyte v => IntegerNode.Of(v),
        short v => IntegerNode.Of(v),
        ushort v => IntegerNode.Of(v),
        uint v => IntegerNode.Of(v),
        ulong v => v <= long.MaxValue ? IntegerNode.Of((long)v) : new BigIntegerNode(v),
        Int128 v => FromBigInteger(v),
        UInt128 v => FromBigInteger(v),
        BigInteger v => FromBigInteger(v),
        Half v => FromShortestText(v.ToString(CultureInfo.InvariantCulture), Half.IsFinite(v), typeof(Half), partIndex),
        _ => null,
    };

    public static KeyNode FromBigInteger(BigInteger value) =>
        value >= MinLong && value <= MaxLong ? IntegerNode.Of((long)value) : new BigIntegerNode(value);

    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static KeyNode FromDouble(double value, Type sourceType, int partIndex)
    {
        if (!double.IsFinite(value)) throw NotFinite(value.ToString(CultureInfo.InvariantCulture), sourceType, partIndex);
        // -2^63 is exact as a double; 2^63 (the first double above long.MaxValue) is not a long.
        if (Math.Floor(value) == value && value >= long.MinValue && value < 9223372036854775808.0) return IntegerNode.Of((long)value);
        return new RealNode(value);
    }

    private static KeyNode FromDecimal(decimal value)
    {
        if (decimal.Truncate(value) == value) return FromBigInteger(new BigInteger(value));
        // The closest double: JSON numbers carry no more precision than that.
        return new RealNode((double)value);
    }

    private static KeyNode FromFloat(float value, int partIndex) =>
        FromShortestText(value.ToString("R", CultureInfo.InvariantCulture), float.IsFinite(value), typeof(float), partIndex);

    private static KeyNode FromShortestText(string text, bool isFinite, Type sourceType, int partIndex)
    {
        if (!isFinite) throw NotFinite(text, sourceType, partIndex);
        return FromDouble(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), sourceType, partIndex);
    }

    private static ArgumentException NotFinite(string text, Type sourceType, int partIndex) =>
        KeyPartErrors.Unsupported(partIndex, sourceType, $"the number {text} has no stable text form; use a finite number");
}
