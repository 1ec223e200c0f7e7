using System.Threading;
using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers.Model;

/// <summary>How two key expressions relate. Rules report only <see cref="Different"/> (or a missing key), never <see cref="Unknown"/>.</summary>
internal enum KeyRelation
{
    /// <summary>Nothing can be proven: treated as "may be the same" by every rule.</summary>
    Unknown = 0,

    /// <summary>The same key.</summary>
    Same,

    /// <summary>The first key is a proper prefix of the second (cancelling or invalidating the first reaches the second).</summary>
    Covers,

    /// <summary>The second key is a proper prefix of the first.</summary>
    CoveredBy,

    /// <summary>Provably different, and neither is a prefix of the other.</summary>
    Different,
}

/// <summary>Computes <see cref="KeyRelation"/> between two <see cref="KeyShape"/>s.</summary>
internal static class KeyRelations
{
    private const int MaxDepth = 8;

    /// <summary>Whether a cancel or invalidation of the first key reaches the second (Same, Covers, or Unknown).</summary>
    public static bool MayCover(this KeyRelation relation) =>
        relation is KeyRelation.Same or KeyRelation.Covers or KeyRelation.Unknown;

    /// <summary>How <paramref name="first"/> relates to <paramref name="second"/>.</summary>
    public static KeyRelation Relate(KeyShape? first, KeyShape? second) => RelateCore(first, second, 0, default);

    /// <summary>
    /// How <paramref name="first"/> relates to <paramref name="second"/>, also seeing through fields and properties initialized
    /// with a key and key-builder methods whose body is one <c>return</c> (<see cref="KeyExpansion"/>): where
    /// <see cref="Relate"/> says Unknown for <c>Keys.Todo(1)</c> and <c>Keys.Todo(2)</c>, this says Different.
    /// Used by the rules that report provably different keys (OPT006–OPT010).
    /// </summary>
    public static KeyRelation RelateExpanded(KeyShape? first, KeyShape? second, CancellationToken cancellationToken) =>
        RelateCore(first, second, 0, new Expansion(cancellationToken));

    /// <summary>Whether key expansion is on, and the token it binds with.</summary>
    private readonly struct Expansion
    {
        public Expansion(CancellationToken cancellationToken)
        {
            IsOn = true;
            CancellationToken = cancellationToken;
        }

        public bool IsOn { get; }

        public CancellationToken CancellationToken { get; }
    }

    private static KeyRelation RelateCore(KeyShape? first, KeyShape? second, int depth, Expansion expansion)
    {
        if (first is null || second is null || depth > MaxDepth) return KeyRelation.Unknown;
        if (ReferenceEquals(first, second)) return KeyRelation.Same;

        if (first is SymbolPathShape firstPath && second is SymbolPathShape secondPath && SamePath(firstPath, secondPath))
        {
            return KeyRelation.Same;
        }

        // A local never reassigned stands for its initializer.
        if (first is SymbolPathShape { Resolved: { } firstResolved })
        {
            return RelateCore(firstResolved, second, depth + 1, expansion);
        }

        if (second is SymbolPathShape { Resolved: { } secondResolved })
        {
            return RelateCore(first, secondResolved, depth + 1, expansion);
        }

        if (expansion.IsOn)
        {
            if (first is BuilderShape firstBuilder && second is BuilderShape secondBuilder)
            {
                var direct = RelateBuilders(firstBuilder, secondBuilder, depth, expansion);
                if (direct != KeyRelation.Unknown) return direct;
            }

            var firstExpanded = first.GetExpanded(expansion.CancellationToken);
            var secondExpanded = second.GetExpanded(expansion.CancellationToken);
            if (firstExpanded is not null || secondExpanded is not null)
            {
                return RelateCore(firstExpanded ?? first, secondExpanded ?? second, depth + 1, expansion);
            }
        }

        switch (first)
        {
            case VariablesPathShape a when second is VariablesPathShape b:
                return a.Path == b.Path ? KeyRelation.Same : KeyRelation.Unknown;

            case ConstantShape a when second is ConstantShape b:
                if (a.Category != b.Category)
                {
                    // Integers and reals may normalize alike; everything else of different categories differs.
                    return a.Category is 'i' or 'r' && b.Category is 'i' or 'r' ? KeyRelation.Unknown : KeyRelation.Different;
                }

                return Equals(a.Value, b.Value) ? KeyRelation.Same : KeyRelation.Different;

            case CreateShape a when second is CreateShape b:
                return RelateParts(a, b, depth, expansion);

            case BuilderShape a when second is BuilderShape b:
                return RelateBuilders(a, b, depth, expansion);

            default:
                return KeyRelation.Unknown;
        }
    }

    private static KeyRelation RelateParts(CreateShape first, CreateShape second, int depth, Expansion expansion)
    {
        var common = first.Parts.Length < second.Parts.Length ? first.Parts.Length : second.Parts.Length;
        var allSame = true;
        for (var i = 0; i < common; i++)
        {
            var relation = RelatePart(first.Parts[i], second.Parts[i], depth, expansion);
            if (relation == KeyRelation.Different) return KeyRelation.Different;
            allSame &= relation == KeyRelation.Same;
        }

        if (!allSame) return KeyRelation.Unknown;
        if (first.Parts.Length == second.Parts.Length) return KeyRelation.Same;
        return first.Parts.Length < second.Parts.Length ? KeyRelation.Covers : KeyRelation.CoveredBy;
    }

    /// <summary>Parts are values, not keys: only Same, Different or Unknown.</summary>
    private static KeyRelation RelatePart(KeyShape first, KeyShape second, int depth, Expansion expansion) =>
        RelateCore(first, second, depth + 1, expansion) switch
        {
            KeyRelation.Same => KeyRelation.Same,
            KeyRelation.Different => KeyRelation.Different,
            KeyRelation.Covers or KeyRelation.CoveredBy => KeyRelation.Different, // nested keys of different lengths
            _ => KeyRelation.Unknown,
        };

    private static KeyRelation RelateBuilders(BuilderShape first, BuilderShape second, int depth, Expansion expansion)
    {
        if (!SymbolEqualityComparer.Default.Equals(first.Method, second.Method)) return KeyRelation.Unknown;
        if ((first.Instance is null) != (second.Instance is null)) return KeyRelation.Unknown;
        if (first.Instance is not null && RelateCore(first.Instance, second.Instance, depth + 1, expansion) != KeyRelation.Same) return KeyRelation.Unknown;
        if (first.Arguments.Length != second.Arguments.Length) return KeyRelation.Unknown;
        for (var i = 0; i < first.Arguments.Length; i++)
        {
            // A builder may ignore an argument, so different arguments prove nothing: only all-Same is conclusive.
            if (RelateCore(first.Arguments[i], second.Arguments[i], depth + 1, expansion) != KeyRelation.Same) return KeyRelation.Unknown;
        }

        return KeyRelation.Same;
    }

    private static bool SamePath(SymbolPathShape first, SymbolPathShape second)
    {
        if (first.Path.Length != second.Path.Length) return false;
        for (var i = 0; i < first.Path.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(first.Path[i], second.Path[i])) return false;
        }

        return true;
    }
}
