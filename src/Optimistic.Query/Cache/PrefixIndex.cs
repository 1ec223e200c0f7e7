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
internal sealed class PrefixIndex
{
    /// <summary>Up to this many children, a composite step checks every child instead of building postings.</summary>
    internal const int ScanThreshold = 8;

    private readonly Node _root = new(null, null);

    /// <summary>Whether the trie holds no entry and no node besides its root (removals prune fully).</summary>
    public bool IsEmpty => _root.ChildCount == 0 && _root.Terminal is null && _root.Postings is null;

    /// <summary>Adds <paramref name="entry"/> under its key's path and returns its terminal node.</summary>
    public Node Add(QueryEntry entry)
    {
        var node = _root;
        foreach (var part in entry.Key.Nodes) node = node.GetOrAddChild(part);
        node.Terminal = entry;
        return node;
    }

    /// <summary>Removes the entry at <paramref name="terminal"/> and prunes the branch it leaves empty.</summary>
    public void Remove(Node terminal)
    {
        terminal.Terminal = null;
        var node = terminal;
        while (node.Parent is { } parent && node.Terminal is null && node.ChildCount == 0)
        {
            parent.RemoveChild(node);
            node = parent;
        }
    }

    /// <summary>Appends to <paramref name="results"/> every entry whose key starts with <paramref name="prefix"/>.</summary>
    public void CollectMatches(QueryKey prefix, List<QueryEntry> results) => Collect(_root, prefix.Nodes, 0, results);

    private static void Collect(Node node, KeyNode[] prefix, int index, List<QueryEntry> results)
    {
        while (index < prefix.Length)
        {
            var part = prefix[index];
            if (part.IsScalar)
            {
                if (!node.TryGetChild(part, out node)) return;
                index++;
                continue;
            }
            // A composite part: every child whose part partially matches it, each followed by the rest of the prefix.
            int next = index + 1;
            if (node.ChildCount <= ScanThreshold)
            {
                if (node.ChildMap is { } map)
                {
                    foreach (var child in map.Values)
                    {
                        if (child.Token!.PartiallyMatches(part)) Collect(child, prefix, next, results);
                    }
                }
                else if (node.OnlyChild is { } only && only.Token!.PartiallyMatches(part))
                {
                    Collect(only, prefix, next, results);
                }
                return;
            }
            var candidates = node.EnsurePostings().Candidates(part);
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
        if (node.ChildCount == 0)
        {
            if (node.Terminal is { } only) results.Add(only);
            return;
        }
        var pending = new Stack<Node>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.Terminal is { } entry) results.Add(entry);
            current.PushChildren(pending);
        }
    }

    /// <summary>Checks that every node's postings are exactly what its children call for (tests).</summary>
    internal void CheckInvariants()
    {
        var pending = new Stack<Node>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.Postings is { } postings)
            {
                var expected = new Postings();
                foreach (var child in node.Children())
                {
                    if (!child.Token!.IsScalar) expected.Add(child, child.Token);
                }
                Postings.CheckSame(expected, postings, node.Token?.ToString() ?? "root");
            }
            if (node != _root && node.Terminal is null && node.ChildCount == 0)
                throw new InvalidOperationException($"A node without entry or children was left at {node.Token}.");
            node.PushChildren(pending);
        }
    }

    /// <summary>A trie node. Most nodes have one child, kept inline; a dictionary appears from the second child on.</summary>
    internal sealed class Node
    {
        private KeyNode? _onlyToken;
        private Node? _onlyChild;
        private Dictionary<KeyNode, Node>? _children;

        public Node(Node? parent, KeyNode? token)
        {
            Parent = parent;
            Token = token;
        }

        public Node? Parent { get; }

        /// <summary>The key part on the edge from the parent.</summary>
        public KeyNode? Token { get; }

        /// <summary>The entry whose key ends here, if any.</summary>
        public QueryEntry? Terminal { get; set; }

        /// <summary>The reverse index over the composite children, once a lookup asked for it.</summary>
        public Postings? Postings { get; private set; }

        /// <summary>The children when there are several (else null).</summary>
        public Dictionary<KeyNode, Node>? ChildMap => _children;

        /// <summary>The child when there is exactly one (else null).</summary>
        public Node? OnlyChild => _onlyChild;

        public int ChildCount => _children?.Count ?? (_onlyChild is null ? 0 : 1);

        public bool TryGetChild(KeyNode token, out Node child)
        {
            if (_children is not null) return _children.TryGetValue(token, out child!);
            if (_onlyChild is not null && _onlyToken!.Equals(token))
            {
                child = _onlyChild;
                return true;
            }
            child = null!;
            return false;
        }

        public Node GetOrAddChild(KeyNode token)
        {
            if (TryGetChild(token, out var existing)) return existing;
            var child = new Node(this, token);
            if (_children is not null)
            {
                _children.Add(token, child);
            }
            else if (_onlyChild is null)
            {
                _onlyToken = token;
                _onlyChild = child;
            }
            else
            {
                _children = new Dictionary<KeyNode, Node> { [_onlyToken!] = _onlyChild, [token] = child };
                _onlyToken = null;
                _onlyChild = null;
            }
            if (Postings is not null && !token.IsScalar) Postings.Add(child, token);
            return child;
        }

        public void RemoveChild(Node child)
        {
            var token = child.Token!;
            if (_children is not null)
            {
                _children.Remove(token);
                if (_children.Count == 0) _children = null;
            }
            else if (ReferenceEquals(_onlyChild, child))
            {
                _onlyToken = null;
                _onlyChild = null;
            }
            if (Postings is null) return;
            if (ChildCount == 0) Postings = null;
            else if (!token.IsScalar) Postings.Remove(child, token);
        }

        public Postings EnsurePostings()
        {
            if (Postings is null)
            {
                var postings = new Postings();
                foreach (var child in Children())
                {
                    if (!child.Token!.IsScalar) postings.Add(child, child.Token);
                }
                Postings = postings;
            }
            return Postings;
        }

        public IEnumerable<Node> Children()
        {
            if (_children is not null) return _children.Values;
            return _onlyChild is null ? Array.Empty<Node>() : new[] { _onlyChild };
        }

        public void PushChildren(Stack<Node> pending)
        {
            if (_children is not null)
            {
                foreach (var child in _children.Values) pending.Push(child);
            }
            else if (_onlyChild is not null)
            {
                pending.Push(_onlyChild);
            }
        }
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
