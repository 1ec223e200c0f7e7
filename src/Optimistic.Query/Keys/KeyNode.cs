using System;
using System.Globalization;
using System.Text;

namespace Optimistic.Query.Keys;

/// <summary>
/// One normalized, immutable part of a <see cref="QueryKey"/>: a JSON-like value (null, bool, number,
/// string, object with properties sorted by name, array). Every key part is normalized to this model
/// when the key is made, so equality, hashing, prefix matching and the text form never touch user objects.
/// </summary>
internal abstract class KeyNode : IEquatable<KeyNode>
{
    private int _hash;

    public abstract KeyNodeKind Kind { get; }

    /// <summary>
    /// How many values this node stands for once written out (itself plus all nested values, shared ones counted
    /// each time). Bounds the work of equality and of the text form; saturates at <see cref="int.MaxValue"/>.
    /// </summary>
    public virtual int Size => 1;

    public sealed override int GetHashCode()
    {
        // Nodes are immutable: compute once. 0 is remapped so "not computed yet" stays unambiguous.
        int hash = _hash;
        if (hash == 0)
        {
            hash = ComputeHash();
            if (hash == 0) hash = 1;
            _hash = hash;
        }
        return hash;
    }

    public sealed override bool Equals(object? obj) => obj is KeyNode other && Equals(other);

    public bool Equals(KeyNode? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Kind != Kind || other.GetHashCode() != GetHashCode()) return false;
        return EqualsSameKind(other);
    }

    /// <summary>
    /// TanStack's partial match: this node (from a key) matches <paramref name="prefix"/> when they are equal,
    /// when both are objects and every property of the prefix matches here, or when both are arrays and every
    /// element of the prefix matches the element at the same index here.
    /// </summary>
    public virtual bool PartiallyMatches(KeyNode prefix) => Equals(prefix);

    /// <summary>Whether this node is a scalar that compares by value alone (the prefix index walks these exactly).</summary>
    public bool IsScalar => Kind is not (KeyNodeKind.Object or KeyNodeKind.Array);

    public abstract void WriteJson(StringBuilder builder);

    public override string ToString()
    {
        var builder = new StringBuilder();
        WriteJson(builder);
        return builder.ToString();
    }

    protected abstract int ComputeHash();

    protected abstract bool EqualsSameKind(KeyNode other);

    internal static void WriteJsonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}

/// <summary>The JSON-like kinds a key part normalizes to.</summary>
internal enum KeyNodeKind
{
    Null,
    Boolean,
    Integer,
    BigInteger,
    Real,
    String,
    Object,
    Array,
}
