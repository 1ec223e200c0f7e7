using Optimistic.Query.Keys;

namespace Optimistic.Query.Cache;

/// <summary>
/// The children of a <see cref="PrefixIndex.Branch"/> by their token: one child inline, several in a chained hash table
/// whose chain links are the children themselves (<see cref="PrefixIndex.Node.NextSibling"/>), so a child costs its
/// parent one link and a bucket, never an entry object. Not thread-safe (the store's index lock guards the trie).
/// Up to two children per bucket before it doubles, as <see cref="EntryTable"/>. Lives in a field of its branch and is
/// used in place (never copied).
/// </summary>
internal struct TrieChildren
{
    private const int MinBuckets = 4;

    private PrefixIndex.Node? _only;
    private PrefixIndex.Node?[]? _buckets;
    private int _count;

    public readonly int Count => _count;

    public readonly bool TryGet(KeyNode token, out PrefixIndex.Node child)
    {
        if (_buckets is null)
        {
            if (_only is not null && _only.Token!.Equals(token))
            {
                child = _only;
                return true;
            }
        }
        else
        {
            int hash = token.GetHashCode();
            for (var node = _buckets[hash & (_buckets.Length - 1)]; node is not null; node = node.NextSibling)
            {
                if (node.TokenHash == hash && node.Token!.Equals(token))
                {
                    child = node;
                    return true;
                }
            }
        }
        child = null!;
        return false;
    }

    /// <summary>Adds <paramref name="child"/>, whose token no child has yet.</summary>
    public void Add(PrefixIndex.Node child)
    {
        if (_count == 0)
        {
            child.NextSibling = null;
            _only = child;
        }
        else
        {
            if (_buckets is null)
            {
                _buckets = new PrefixIndex.Node?[MinBuckets];
                Link(_buckets, _only!);
                _only = null;
            }
            else if (_count >= _buckets.Length * 2)
            {
                Resize(_buckets.Length * 2);
            }
            Link(_buckets, child);
        }
        _count++;
    }

    /// <summary>Takes <paramref name="child"/> (by reference) out.</summary>
    public void Remove(PrefixIndex.Node child)
    {
        if (_buckets is null)
        {
            if (ReferenceEquals(_only, child))
            {
                _only = null;
                _count = 0;
            }
            return;
        }
        ref var link = ref Find(_buckets, child);
        if (link is null) return;
        link = child.NextSibling;
        child.NextSibling = null;
        _count--;
        if (_count == 1)
        {
            foreach (var last in this) _only = last;
            _only!.NextSibling = null;
            _buckets = null;
        }
        else if (_buckets.Length > MinBuckets && _count < _buckets.Length / 4)
        {
            Resize(_buckets.Length / 2);
        }
    }

    /// <summary>Puts <paramref name="replacement"/> (same token) where <paramref name="child"/> was.</summary>
    public void Replace(PrefixIndex.Node child, PrefixIndex.Node replacement)
    {
        if (_buckets is null)
        {
            if (!ReferenceEquals(_only, child)) return;
            replacement.NextSibling = null;
            _only = replacement;
            return;
        }
        ref var link = ref Find(_buckets, child);
        if (link is null) return;
        replacement.NextSibling = child.NextSibling;
        link = replacement;
        child.NextSibling = null;
    }

    public readonly Enumerator GetEnumerator() => new(_only, _buckets);

    private static ref PrefixIndex.Node? Find(PrefixIndex.Node?[] buckets, PrefixIndex.Node child)
    {
        ref var link = ref buckets[child.TokenHash & (buckets.Length - 1)];
        while (link is not null && !ReferenceEquals(link, child)) link = ref link.NextSibling;
        return ref link;
    }

    private static void Link(PrefixIndex.Node?[] buckets, PrefixIndex.Node child)
    {
        ref var head = ref buckets[child.TokenHash & (buckets.Length - 1)];
        child.NextSibling = head;
        head = child;
    }

    private void Resize(int length)
    {
        var next = new PrefixIndex.Node?[length];
        foreach (var head in _buckets!)
        {
            var node = head;
            while (node is not null)
            {
                var following = node.NextSibling;
                Link(next, node);
                node = following;
            }
        }
        _buckets = next;
    }

    /// <summary>Walks the children without allocating; the table must not change meanwhile.</summary>
    public struct Enumerator
    {
        private readonly PrefixIndex.Node?[]? _buckets;
        private PrefixIndex.Node? _next;
        private int _bucket;

        public Enumerator(PrefixIndex.Node? only, PrefixIndex.Node?[]? buckets)
        {
            _buckets = buckets;
            _next = buckets is null ? only : null;
            _bucket = 0;
            Current = null!;
        }

        public PrefixIndex.Node Current { get; private set; }

        public bool MoveNext()
        {
            while (_next is null)
            {
                if (_buckets is null || _bucket == _buckets.Length) return false;
                _next = _buckets[_bucket++];
            }
            Current = _next;
            _next = _next.NextSibling;
            return true;
        }
    }
}
