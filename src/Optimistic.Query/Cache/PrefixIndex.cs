using System;
using System.Collections.Generic;
using Optimistic.Query.Keys;

namespace Optimistic.Query.Cache;

/// <summary>
/// A trie over each key's parts (one step per part), so prefix lookups cost in proportion to the matches, never to the
/// cache size. A scalar part of a prefix is an exact step. A composite part (object or array) matches partially
/// (TanStack: an object's properties are a subset, recursively; an array's elements a prefix), so at a node with many
/// children its candidates come from <see cref="Postings"/>: a reverse index from each leaf of a composite child
/// (a property path or array index leading to a scalar, or to a nested object or array) to the children holding it.
/// The candidates are the smallest posting list among the prefix part's leaves, each verified with
/// <see cref="KeyNode.PartiallyMatches"/>. Postings are built the first time a composite lookup passes through a node
/// with many children, then kept in step with its children. Not thread-safe: the store locks it.
/// </summary>
/// <remarks>
/// An entry whose key no other key extends is its own leaf (it derives from <see cref="Node"/>), so most entries cost
/// the trie no node. Where keys pass through an entry's key, a <see cref="Branch"/> holds the entry as its
/// <see cref="Branch.Terminal"/>; it turns back into the bare entry when its last child leaves.
/// </remarks>
internal sealed class PrefixIndex
{
    /// <summary>Up to this many children, a composite step checks every child instead of building postings.</summary>
    internal const int ScanThreshold = 8;

    private readonly Branch _root = new(null);

    /// <summary>Whether the trie holds no entry and no node besides its root (removals prune fully).</summary>
    public bool IsEmpty => _root.ChildCount == 0 && _root.Terminal is null && _root.Postings is null;

    /// <summary>Adds <paramref name="entry"/> (whose key the trie does not hold yet) under its key's path.</summary>
    public void Add(QueryEntry entry)
    {
        var parts = entry.Key.Nodes;
        var branch = _root;
        if (parts.Length == 0)
        {
            AttachTerminal(branch, entry);
            return;
        }
        for (int i = 0; i < parts.Length - 1; i++) branch = branch.GetOrAddBranch(parts[i]);
        var last = parts[parts.Length - 1];
        if (branch.TryGetChild(last, out var existing))
        {
            // Longer keys pass through this one: the branch there holds the entry.
            AttachTerminal(existing as Branch ?? throw new InvalidOperationException($"The key {entry.Key} is indexed twice."), entry);
            return;
        }
        branch.AddChild(last, entry);
    }

    /// <summary>
    /// Removes <paramref name="entry"/> and prunes the branches it leaves empty (a walk down its key's path: O(depth),
    /// and no entry has to remember where it sits).
    /// </summary>
    public void Remove(QueryEntry entry)
    {
        if (!RemoveBelow(_root, entry.Key.Nodes, 0, entry)) throw new InvalidOperationException($"The key {entry.Key} is not indexed.");
    }

    /// <summary>Whether <paramref name="entry"/> is its own leaf rather than the terminal of a branch (tests).</summary>
    internal bool IsLeaf(QueryEntry entry)
    {
        var parts = entry.Key.Nodes;
        var branch = _root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!branch.TryGetChild(parts[i], out var child) || child is not Branch next) return false;
            branch = next;
        }
        return parts.Length > 0 && branch.TryGetChild(parts[parts.Length - 1], out var leaf) && ReferenceEquals(leaf, entry);
    }

    /// <summary>Appends to <paramref name="results"/> every entry whose key starts with <paramref name="prefix"/>.</summary>
    public void CollectMatches(QueryKey prefix, List<QueryEntry> results) => Collect(_root, prefix.Nodes, 0, results);

    private static void AttachTerminal(Branch branch, QueryEntry entry)
    {
        if (branch.Terminal is not null) throw new InvalidOperationException($"The key {entry.Key} is indexed twice.");
        branch.Terminal = entry;
    }

    /// <summary>
    /// Removes <paramref name="entry"/> from below <paramref name="branch"/>, reached through <paramref name="parts"/>
    /// up to <paramref name="index"/>; a branch left without children goes (or turns back into its terminal entry).
    /// </summary>
    private static bool RemoveBelow(Branch branch, KeyNode[] parts, int index, QueryEntry entry)
    {
        if (index == parts.Length)
        {
            if (!ReferenceEquals(branch.Terminal, entry)) return false;
            branch.Terminal = null;
            return true;
        }
        if (!branch.TryGetChild(parts[index], out var child)) return false;
        if (ReferenceEquals(child, entry))
        {
            branch.RemoveChild(entry);
            return true;
        }
        if (child is not Branch below || !RemoveBelow(below, parts, index + 1, entry)) return false;
        if (below.ChildCount == 0)
        {
            if (below.Terminal is { } terminal) branch.ReplaceChild(below, terminal); // nothing passes through any more
            else branch.RemoveChild(below);
        }
        return true;
    }

    private static void Collect(Node node, KeyNode[] prefix, int index, List<QueryEntry> results)
    {
        while (index < prefix.Length)
        {
            if (node is not Branch branch) return; // a leaf: no key goes on past it
            var part = prefix[index];
            if (part.IsScalar)
            {
                if (!branch.TryGetChild(part, out node)) return;
                index++;
                continue;
            }
            // A composite part: every child whose part partially matches it, each followed by the rest of the prefix.
            int next = index + 1;
            if (branch.ChildCount <= ScanThreshold)
            {
                foreach (var child in branch)
                {
                    if (child.Token!.PartiallyMatches(part)) Collect(child, prefix, next, results);
                }
                return;
            }
            var candidates = branch.EnsurePostings().Candidates(part);
            if (candidates is Node single)
            {
                if (single.Token!.PartiallyMatches(part)) Collect(single, prefix, next, results);
            }
            else if (candidates is HashSet<Node> set)
            {
                foreach (var child in set)
                {
                    if (child.Token!.PartiallyMatches(part)) Collect(child, prefix, next, results);
                }
            }
            return;
        }
        CollectSubtree(node, results);
    }

    private static void CollectSubtree(Node node, List<QueryEntry> results)
    {
        if (node is QueryEntry leaf)
        {
            results.Add(leaf);
            return;
        }
        var pending = new Stack<Branch>();
        pending.Push((Branch)node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.Terminal is { } entry) results.Add(entry);
            foreach (var child in current)
            {
                if (child is QueryEntry childEntry) results.Add(childEntry);
                else pending.Push((Branch)child);
            }
        }
    }

    /// <summary>Checks positions, pruning and postings: each node is exactly what its children call for (tests).</summary>
    internal void CheckInvariants()
    {
        var pending = new Stack<(Branch Branch, int Depth)>();
        pending.Push((_root, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (node.Postings is { } postings)
            {
                var expected = new Postings();
                foreach (var child in node)
                {
                    if (!child.Token!.IsScalar) expected.Add(child, child.Token);
                }
                Postings.CheckSame(expected, postings, node.Token?.ToString() ?? "root");
            }
            if (node != _root && node.ChildCount == 0)
                throw new InvalidOperationException($"A branch without children was left at {node.Token} (terminal: {node.Terminal?.Key}).");
            if (node.Terminal is { } terminal && terminal.Key.Nodes.Length != depth)
                throw new InvalidOperationException($"The terminal {terminal.Key} sits at depth {depth}.");
            foreach (var child in node)
            {
                if (child is Branch branch) pending.Push((branch, depth + 1));
                else if (((QueryEntry)child).Key.Nodes.Length != depth + 1)
                    throw new InvalidOperationException($"The leaf {((QueryEntry)child).Key} sits at depth {depth + 1}.");
            }
        }
    }

    /// <summary>A place in the trie: a <see cref="Branch"/>, or an entry no other key passes through (a leaf).</summary>
    internal abstract class Node
    {
        /// <summary>This node's slot among its parent's <see cref="TrieChildren"/>.</summary>
        internal int Slot;

        /// <summary>1 + the slot of the next child in the same bucket of the parent's <see cref="TrieChildren"/>; 0 for none.</summary>
        internal int NextSlot;

        /// <summary>The key part on the edge from the parent (null for the root).</summary>
        public abstract KeyNode? Token { get; }

        /// <summary>
        /// <see cref="Token"/>'s hash, kept in the node: a bucket walk and a resize then read one field per child instead
        /// of following an entry to its key, its parts and the last part (0 for the root and the empty key).
        /// </summary>
        public int TokenHash { get; protected init; }
    }

    /// <summary>A node that keys pass through, with its children by token.</summary>
    internal sealed class Branch : Node
    {
        private readonly KeyNode? _token;
        private TrieChildren _children; // a mutable struct: used in place, never copied

        public Branch(KeyNode? token)
        {
            _token = token;
            TokenHash = token?.GetHashCode() ?? 0;
        }

        public override KeyNode? Token => _token;

        /// <summary>The entry whose key ends here, if any.</summary>
        public QueryEntry? Terminal { get; set; }

        /// <summary>The reverse index over the composite children, once a lookup asked for it.</summary>
        public Postings? Postings { get; private set; }

        public int ChildCount => _children.Count;

        public bool TryGetChild(KeyNode token, out Node child) => _children.TryGet(token, out child);

        /// <summary>The branch at <paramref name="token"/>, made from the leaf there or created.</summary>
        public Branch GetOrAddBranch(KeyNode token)
        {
            if (_children.TryGet(token, out var existing))
            {
                if (existing is Branch branch) return branch;
                // A longer key passes through a leaf entry: a branch takes its place and holds it.
                var entry = (QueryEntry)existing;
                var holder = new Branch(token) { Terminal = entry };
                ReplaceChild(entry, holder);
                return holder;
            }
            var created = new Branch(token);
            AddChild(token, created);
            return created;
        }

        /// <summary>Adds <paramref name="child"/> at <paramref name="token"/> (its own token), where there is no child yet.</summary>
        public void AddChild(KeyNode token, Node child)
        {
            _children.Add(child);
            if (Postings is not null && !token.IsScalar) Postings.Add(child, token);
        }

        public void RemoveChild(Node child)
        {
            _children.Remove(child);
            if (Postings is null) return;
            var token = child.Token!;
            if (_children.Count == 0) Postings = null;
            else if (!token.IsScalar) Postings.Remove(child, token);
        }

        /// <summary>Puts <paramref name="replacement"/> (same token) where <paramref name="child"/> was.</summary>
        public void ReplaceChild(Node child, Node replacement)
        {
            _children.Replace(child, replacement);
            var token = child.Token!;
            if (Postings is null || token.IsScalar) return;
            Postings.Remove(child, token);
            Postings.Add(replacement, token);
        }

        public Postings EnsurePostings()
        {
            if (Postings is null)
            {
                var postings = new Postings();
                foreach (var child in _children)
                {
                    if (!child.Token!.IsScalar) postings.Add(child, child.Token);
                }
                Postings = postings;
            }
            return Postings;
        }

        /// <summary>The children, without allocating; the branch must not change meanwhile.</summary>
        public TrieChildren.Enumerator GetEnumerator() => _children.GetEnumerator();
    }

    /// <summary>
    /// The reverse index of one path inside the composite children of a node: which children hold an object, an array
    /// or a given scalar there, and the same for each property and element below. A posting list is a lone
    /// <see cref="Node"/> or a <see cref="HashSet{T}"/> of them (most values, like ids and offsets, are held by one child).
    /// </summary>
    internal sealed class Postings
    {
        private object? _objects;
        private object? _arrays;
        private Dictionary<KeyNode, object>? _scalars;
        private Dictionary<string, Postings>? _properties;
        private List<Postings?>? _items;

        private bool IsEmpty =>
            _objects is null && _arrays is null && _scalars is null && _properties is null && _items is null;

        /// <summary>Indexes <paramref name="child"/>, whose value at this path is <paramref name="value"/>.</summary>
        public void Add(Node child, KeyNode value)
        {
            switch (value)
            {
                case ObjectNode obj:
                    AddTo(ref _objects, child);
                    if (obj.Names.Length == 0) break;
                    _properties ??= new Dictionary<string, Postings>(StringComparer.Ordinal);
                    for (int i = 0; i < obj.Names.Length; i++)
                    {
                        if (!_properties.TryGetValue(obj.Names[i], out var property))
                        {
                            property = new Postings();
                            _properties.Add(obj.Names[i], property);
                        }
                        property.Add(child, obj.Values[i]);
                    }
                    break;
                case ArrayNode array:
                    AddTo(ref _arrays, child);
                    if (array.Items.Length == 0) break;
                    _items ??= new List<Postings?>();
                    for (int i = 0; i < array.Items.Length; i++)
                    {
                        if (i == _items.Count) _items.Add(null);
                        var item = _items[i] ??= new Postings();
                        item.Add(child, array.Items[i]);
                    }
                    break;
                default:
                    _scalars ??= new Dictionary<KeyNode, object>();
                    if (_scalars.TryGetValue(value, out var list))
                    {
                        if (list is HashSet<Node> set) set.Add(child);
                        else _scalars[value] = new HashSet<Node> { (Node)list, child };
                    }
                    else
                    {
                        _scalars.Add(value, child);
                    }
                    break;
            }
        }

        /// <summary>Undoes <see cref="Add"/>; sub-indexes left empty are dropped.</summary>
        public void Remove(Node child, KeyNode value)
        {
            switch (value)
            {
                case ObjectNode obj:
                    RemoveFrom(ref _objects, child);
                    if (_properties is null) break;
                    for (int i = 0; i < obj.Names.Length; i++)
                    {
                        if (!_properties.TryGetValue(obj.Names[i], out var property)) continue;
                        property.Remove(child, obj.Values[i]);
                        if (property.IsEmpty) _properties.Remove(obj.Names[i]);
                    }
                    if (_properties.Count == 0) _properties = null;
                    break;
                case ArrayNode array:
                    RemoveFrom(ref _arrays, child);
                    if (_items is null) break;
                    for (int i = 0; i < array.Items.Length && i < _items.Count; i++)
                    {
                        if (_items[i] is not { } item) continue;
                        item.Remove(child, array.Items[i]);
                        if (item.IsEmpty) _items[i] = null;
                    }
                    int count = _items.Count;
                    while (count > 0 && _items[count - 1] is null) count--;
                    if (count == 0) _items = null;
                    else if (count < _items.Count) _items.RemoveRange(count, _items.Count - count);
                    break;
                default:
                    if (_scalars is null || !_scalars.TryGetValue(value, out var list)) break;
                    if (list is HashSet<Node> set)
                    {
                        set.Remove(child);
                        if (set.Count == 1)
                        {
                            foreach (var last in set) _scalars[value] = last;
                        }
                    }
                    else if (ReferenceEquals(list, child))
                    {
                        _scalars.Remove(value);
                        if (_scalars.Count == 0) _scalars = null;
                    }
                    break;
            }
        }

        /// <summary>
        /// The smallest posting list among <paramref name="prefix"/>'s leaves (a <see cref="Node"/>, a set, or null when
        /// no child can match). Every child that partially matches <paramref name="prefix"/> is in it.
        /// </summary>
        public object? Candidates(KeyNode prefix)
        {
            object? best = null;
            int bestCount = int.MaxValue;
            return Narrow(this, prefix, ref best, ref bestCount) ? best : null;
        }

        /// <summary>Lowers <paramref name="best"/> to a smaller list required by <paramref name="prefix"/>; false when one is empty.</summary>
        private static bool Narrow(Postings? postings, KeyNode prefix, ref object? best, ref int bestCount)
        {
            if (postings is null) return false;
            switch (prefix)
            {
                case ObjectNode obj:
                    if (!Consider(postings._objects, ref best, ref bestCount)) return false;
                    for (int i = 0; i < obj.Names.Length; i++)
                    {
                        Postings? property = null;
                        if (postings._properties is null || !postings._properties.TryGetValue(obj.Names[i], out property)) return false;
                        if (!Narrow(property, obj.Values[i], ref best, ref bestCount)) return false;
                        if (bestCount == 1) return true;
                    }
                    return true;
                case ArrayNode array:
                    if (!Consider(postings._arrays, ref best, ref bestCount)) return false;
                    for (int i = 0; i < array.Items.Length; i++)
                    {
                        if (postings._items is null || i >= postings._items.Count) return false;
                        if (!Narrow(postings._items[i], array.Items[i], ref best, ref bestCount)) return false;
                        if (bestCount == 1) return true;
                    }
                    return true;
                default:
                    object? list = null;
                    if (postings._scalars is null || !postings._scalars.TryGetValue(prefix, out list)) return false;
                    return Consider(list, ref best, ref bestCount);
            }
        }

        private static bool Consider(object? list, ref object? best, ref int bestCount)
        {
            if (list is null) return false;
            int count = list is HashSet<Node> set ? set.Count : 1;
            if (count < bestCount)
            {
                best = list;
                bestCount = count;
            }
            return true;
        }

        private static void AddTo(ref object? list, Node child)
        {
            if (list is null) list = child;
            else if (list is HashSet<Node> set) set.Add(child);
            else list = new HashSet<Node> { (Node)list, child };
        }

        private static void RemoveFrom(ref object? list, Node child)
        {
            if (list is HashSet<Node> set)
            {
                set.Remove(child);
                if (set.Count == 1)
                {
                    foreach (var last in set) list = last;
                }
            }
            else if (ReferenceEquals(list, child))
            {
                list = null;
            }
        }

        /// <summary>Throws unless <paramref name="actual"/> indexes exactly what <paramref name="expected"/> does, with no empty leftovers.</summary>
        internal static void CheckSame(Postings expected, Postings actual, string path)
        {
            CheckList(expected._objects, actual._objects, path + " objects");
            CheckList(expected._arrays, actual._arrays, path + " arrays");
            if ((expected._scalars?.Count ?? 0) != (actual._scalars?.Count ?? -1) && !(expected._scalars is null && actual._scalars is null))
                throw new InvalidOperationException($"Postings at {path}: {actual._scalars?.Count} scalar values, expected {expected._scalars?.Count}.");
            if (expected._scalars is not null)
            {
                foreach (var (value, list) in expected._scalars)
                {
                    if (!actual._scalars!.TryGetValue(value, out var other)) throw new InvalidOperationException($"Postings at {path}: {value} missing.");
                    CheckList(list, other, $"{path}={value}");
                }
            }
            if ((expected._properties is null) != (actual._properties is null) || (expected._properties?.Count ?? 0) != (actual._properties?.Count ?? 0))
                throw new InvalidOperationException($"Postings at {path}: properties differ.");
            if (expected._properties is not null)
            {
                foreach (var (name, sub) in expected._properties)
                {
                    if (!actual._properties!.TryGetValue(name, out var other)) throw new InvalidOperationException($"Postings at {path}: .{name} missing.");
                    CheckSame(sub, other, $"{path}.{name}");
                }
            }
            if ((expected._items is null) != (actual._items is null) || (expected._items?.Count ?? 0) != (actual._items?.Count ?? 0))
                throw new InvalidOperationException($"Postings at {path}: items differ.");
            for (int i = 0; i < (expected._items?.Count ?? 0); i++)
            {
                var e = expected._items![i];
                var a = actual._items![i];
                if ((e is null) != (a is null)) throw new InvalidOperationException($"Postings at {path}[{i}]: presence differs.");
                if (e is not null) CheckSame(e, a!, $"{path}[{i}]");
            }
        }

        private static void CheckList(object? expected, object? actual, string path)
        {
            static HashSet<Node> AsSet(object? list) => list switch
            {
                null => new HashSet<Node>(),
                HashSet<Node> set => set,
                _ => new HashSet<Node> { (Node)list },
            };
            if (actual is HashSet<Node> { Count: < 2 })
                throw new InvalidOperationException($"Postings at {path}: a set of fewer than two nodes.");
            if (!AsSet(expected).SetEquals(AsSet(actual)))
                throw new InvalidOperationException($"Postings at {path}: the lists differ.");
        }
    }
}
