using Optimistic.Query.Keys;

namespace Optimistic.Query.Cache;

/// <summary>
/// The children of a <see cref="PrefixIndex.Branch"/> by their token: one child inline; several in dense slots in the
/// order they came (a removal moves the last child into the gap), kept in chunks of at most 1,024 so that no slot array
/// of a big branch lands on the large-object heap (its bucket array does, past 32,768 children; the chunk list past
/// about eight million), with a hash index (up to two children per bucket) whose chains run through
/// the children themselves (<see cref="PrefixIndex.Node.Slot"/>, <see cref="PrefixIndex.Node.NextSlot"/>). A child costs
/// its parent a slot and part of a bucket, never an entry object, and a walk over the children (a prefix match's
/// subtree) visits them in the order they were allocated, which the memory prefetcher follows: measured, a prefix
/// invalidation of 1,000 of 100,000 entries took about a third less time than in hash order. Not thread-safe (the store's
/// index lock guards the trie). Lives in a field of its branch and is used in place (never copied).
/// </summary>
internal struct TrieChildren
{
    private const int MinCapacity = 4;
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits; // 8 KB of references: no chunk ever lands on the large-object heap

    private PrefixIndex.Node? _only;
    private PrefixIndex.Node?[]?[]? _chunks; // the slots [0, _count) in chunks; the first grows by doubling up to ChunkSize
    private int[]? _buckets;                 // 1 + the slot of the bucket's first child; 0 for none
    private int _capacity;
    private int _count;

    public readonly int Count => _count;

    public readonly bool TryGet(KeyNode token, out PrefixIndex.Node child)
    {
        if (_chunks is null)
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
            for (int slot = _buckets![hash & (_buckets.Length - 1)] - 1; slot >= 0;)
            {
                var node = At(slot)!;
                if (node.TokenHash == hash && node.Token!.Equals(token))
                {
                    child = node;
                    return true;
                }
                slot = node.NextSlot - 1;
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
            _only = child;
            _count = 1;
            return;
        }
        if (_chunks is null)
        {
            _chunks = new[] { new PrefixIndex.Node?[MinCapacity] };
            _capacity = MinCapacity;
            _buckets = new int[MinCapacity];
            Place(_only!, 0);
            _only = null;
        }
        else if (_count == _capacity)
        {
            Grow();
        }
        Place(child, _count);
        _count++;
        if (_count > 2 * _buckets!.Length) Rehash(_buckets.Length * 2);
    }

    /// <summary>Takes <paramref name="child"/> (by reference) out; the last child moves into its slot.</summary>
    public void Remove(PrefixIndex.Node child)
    {
        if (_chunks is null)
        {
            if (!ReferenceEquals(_only, child)) return;
            _only = null;
            _count = 0;
            return;
        }
        int slot = child.Slot;
        if (slot >= _count || !ReferenceEquals(At(slot), child)) return;
        Unlink(child, slot);
        int last = _count - 1;
        if (slot != last)
        {
            var moved = At(last)!;
            Unlink(moved, last);
            At(last) = null;
            Place(moved, slot);
        }
        else
        {
            At(slot) = null;
        }
        _count--;
        if (_count == 1)
        {
            _only = At(0);
            _chunks = null;
            _buckets = null;
            _capacity = 0;
            return;
        }
        Shrink();
        if (_buckets!.Length > MinCapacity && _count < _buckets.Length / 4) Rehash(_buckets.Length / 2);
    }

    /// <summary>Puts <paramref name="replacement"/> (same token) where <paramref name="child"/> was.</summary>
    public void Replace(PrefixIndex.Node child, PrefixIndex.Node replacement)
    {
        if (_chunks is null)
        {
            if (ReferenceEquals(_only, child)) _only = replacement;
            return;
        }
        int slot = child.Slot;
        if (slot >= _count || !ReferenceEquals(At(slot), child)) return;
        Unlink(child, slot);
        Place(replacement, slot);
    }

    public readonly Enumerator GetEnumerator() => new(_only, _chunks, _count);

    private readonly ref PrefixIndex.Node? At(int slot) => ref _chunks![slot >> ChunkBits]![slot & (ChunkSize - 1)];

    /// <summary>Stores <paramref name="child"/> at <paramref name="slot"/> and links it at the head of its bucket.</summary>
    private readonly void Place(PrefixIndex.Node child, int slot)
    {
        At(slot) = child;
        child.Slot = slot;
        ref int head = ref _buckets![child.TokenHash & (_buckets.Length - 1)];
        child.NextSlot = head;
        head = slot + 1;
    }

    /// <summary>Takes the child at <paramref name="slot"/> out of its bucket's chain (the slot itself is left to the caller).</summary>
    private readonly void Unlink(PrefixIndex.Node child, int slot)
    {
        ref int link = ref _buckets![child.TokenHash & (_buckets.Length - 1)];
        while (link != slot + 1) link = ref At(link - 1)!.NextSlot;
        link = child.NextSlot;
        child.NextSlot = 0;
    }

    /// <summary>More slots: the first chunk doubles up to <see cref="ChunkSize"/>, then whole chunks are added (no copy).</summary>
    private void Grow()
    {
        var chunks = _chunks!;
        if (_capacity < ChunkSize)
        {
            var first = new PrefixIndex.Node?[_capacity * 2];
            System.Array.Copy(chunks[0]!, first, _capacity);
            chunks[0] = first;
            _capacity = first.Length;
            return;
        }
        int index = _capacity >> ChunkBits;
        if (index == chunks.Length) System.Array.Resize(ref _chunks, chunks.Length * 2);
        _chunks![index] = new PrefixIndex.Node?[ChunkSize];
        _capacity += ChunkSize;
    }

    /// <summary>Gives back slots far beyond the count: a trailing chunk, or half of a lone first chunk.</summary>
    private void Shrink()
    {
        if (_capacity > ChunkSize)
        {
            if (_count > _capacity - ChunkSize - ChunkSize / 2) return;
            _capacity -= ChunkSize;
            _chunks![_capacity >> ChunkBits] = null;
            return;
        }
        if (_capacity <= MinCapacity || _count >= _capacity / 4) return;
        var first = new PrefixIndex.Node?[_capacity / 2];
        System.Array.Copy(_chunks![0]!, first, _count);
        _chunks[0] = first;
        _capacity = first.Length;
    }

    private void Rehash(int length)
    {
        _buckets = new int[length];
        for (int slot = 0; slot < _count; slot++) Place(At(slot)!, slot);
    }

    /// <summary>Walks the children in slot order without allocating; the table must not change meanwhile.</summary>
    public struct Enumerator
    {
        private readonly PrefixIndex.Node? _only;
        private readonly PrefixIndex.Node?[]?[]? _chunks;
        private readonly int _count;
        private int _next;

        public Enumerator(PrefixIndex.Node? only, PrefixIndex.Node?[]?[]? chunks, int count)
        {
            _only = only;
            _chunks = chunks;
            _count = count;
            _next = 0;
            Current = null!;
        }

        public PrefixIndex.Node Current { get; private set; }

        public bool MoveNext()
        {
            if (_next >= _count) return false;
            Current = _chunks is null ? _only! : _chunks[_next >> ChunkBits]![_next & (ChunkSize - 1)]!;
            _next++;
            return true;
        }
    }
}
