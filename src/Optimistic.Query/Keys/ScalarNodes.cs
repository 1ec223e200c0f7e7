using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Optimistic.Query.Keys;

internal sealed class NullNode : KeyNode
{
    public static readonly NullNode Instance = new();

    private NullNode() { }

    public override KeyNodeKind Kind => KeyNodeKind.Null;

    public override void WriteJson(StringBuilder builder) => builder.Append("null");

    protected override int ComputeHash() => 0x3E1A_0001;

    protected override bool EqualsSameKind(KeyNode other) => true;
}

internal sealed class BooleanNode : KeyNode
{
    public static readonly BooleanNode True = new(true);
    public static readonly BooleanNode False = new(false);

    private BooleanNode(bool value) => Value = value;

    public bool Value { get; }

    public static BooleanNode Of(bool value) => value ? True : False;

    public override KeyNodeKind Kind => KeyNodeKind.Boolean;

    public override void WriteJson(StringBuilder builder) => builder.Append(Value ? "true" : "false");

    protected override int ComputeHash() => Value ? 0x3E1A_0011 : 0x3E1A_0010;

    protected override bool EqualsSameKind(KeyNode other) => ((BooleanNode)other).Value == Value;
}

/// <summary>An integral number. Every integral value (of any numeric type) that fits a long lands here.</summary>
internal sealed class IntegerNode : KeyNode
{
    private static readonly IntegerNode[] SmallValues = CreateSmallValues();

    private IntegerNode(long value) => Value = value;

    public long Value { get; }

    public static IntegerNode Of(long value) =>
        value is >= 0 and < 256 ? SmallValues[value] : new IntegerNode(value);

    public override KeyNodeKind Kind => KeyNodeKind.Integer;

    public override void WriteJson(StringBuilder builder) => builder.Append(Value.ToString(CultureInfo.InvariantCulture));

    protected override int ComputeHash() => HashCode.Combine(KeyNodeKind.Integer, Value);

    protected override bool EqualsSameKind(KeyNode other) => ((IntegerNode)other).Value == Value;

    private static IntegerNode[] CreateSmallValues()
    {
        var values = new IntegerNode[256];
        for (int i = 0; i < values.Length; i++) values[i] = new IntegerNode(i);
        return values;
    }
}

/// <summary>An integral number outside the range of <see cref="long"/> (from an integer type: kept exact).</summary>
internal sealed class BigIntegerNode : KeyNode
{
    /// <param name="value">A value outside the range of <see cref="long"/>; <see cref="KeyNumbers"/> guarantees it.</param>
    public BigIntegerNode(BigInteger value) => Value = value;

    public BigInteger Value { get; }

    public override KeyNodeKind Kind => KeyNodeKind.BigInteger;

    public override void WriteJson(StringBuilder builder) => builder.Append(Value.ToString(CultureInfo.InvariantCulture));

    protected override int ComputeHash() => HashCode.Combine(KeyNodeKind.BigInteger, Value);

    protected override bool EqualsSameKind(KeyNode other) => ((BigIntegerNode)other).Value == Value;
}

/// <summary>A finite number that is not an integer in the range of <see cref="long"/> (from a floating-point value).</summary>
internal sealed class RealNode : KeyNode
{
    public RealNode(double value) => Value = value;

    public double Value { get; }

    public override KeyNodeKind Kind => KeyNodeKind.Real;

    public override void WriteJson(StringBuilder builder) => builder.Append(Value.ToString("R", CultureInfo.InvariantCulture));

    protected override int ComputeHash() => HashCode.Combine(KeyNodeKind.Real, Value);

    protected override bool EqualsSameKind(KeyNode other) => ((RealNode)other).Value.Equals(Value);
}

internal sealed class StringNode : KeyNode
{
    public StringNode(string value) => Value = value;

    public string Value { get; }

    public override KeyNodeKind Kind => KeyNodeKind.String;

    public override void WriteJson(StringBuilder builder) => WriteJsonString(builder, Value);

    protected override int ComputeHash() => HashCode.Combine(KeyNodeKind.String, StringComparer.Ordinal.GetHashCode(Value));

    protected override bool EqualsSameKind(KeyNode other) => string.Equals(((StringNode)other).Value, Value, StringComparison.Ordinal);
}
