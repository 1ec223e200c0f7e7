using System.Collections.Generic;
using Optimistic.Query.Keys;

namespace Optimistic.Query.Cache;

/// <summary>
/// A trie over each key's flattened token path, so prefix lookups cost in proportion to the matching subtree, never to
/// the cache size. Scalars are exact tokens; an array part is an open token, its items, a close token; an object part is
/// one opaque token (the node itself). A prefix is walked while its tokens are exact; at its first object or the end of
/// one of its arrays (the key's array may be longer) the walk stops, the subtree is taken and, if prefix parts were
/// left unwalked, candidates are verified with <see cref="QueryKey.StartsWith"/>. Not thread-safe: the store locks it.
/// </summary>
internal sealed class PrefixIndex
{
    private static readonly object Open = new SentinelToken("[");
    private static readonly object Close = new SentinelToken("]");

    private readonly Node _root = new(null, null);

    /// <summary>Whether the trie holds no entry and no node besides its root (removals prune fully).</summary>
    public bool IsEmpty => _root.ChildCount == 0 && _root.Terminal is null;

    /// <summary>Adds <paramref name="entry"/> under its key's path and returns its terminal node.</summary>
    public Node Add(QueryEntry entry)
    {
        var node = _root;
        foreach (var part in entry.Key.Nodes) node = AddPart(node, part);
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
            parent.RemoveChild(node.Token!);
            node = parent;
        }
    }

    /// <summary>Appends to <paramref name="results"/> every entry whose key starts with <paramref name="prefix"/>.</summary>
    public void CollectMatches(QueryKey prefix, List<QueryEntry> results)
    {
        var tokens = new List<object>();
        foreach (var part in prefix.Nodes) Flatten(part, tokens);

        var node = _root;
        bool verify = false;
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token is ObjectNode)
            {
                verify = true;
                break;
            }
            if (ReferenceEquals(token, Close))
            {
                // The key's array may be longer here: stop walking. Trailing closes leave nothing to check.
                for (int j = i + 1; j < tokens.Count; j++)
                {
                    if (!ReferenceEquals(tokens[j], Close))
                    {
                        verify = true;
                        break;
                    }
                }
                break;
            }
            if (!node.TryGetChild(token, out node)) return;
        }

        var pending = new Stack<Node>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.Terminal is { } entry && (!verify || entry.Key.StartsWith(prefix))) results.Add(entry);
            current.PushChildren(pending);
        }
    }

    private static Node AddPart(Node node, KeyNode part)
    {
        if (part is ArrayNode array)
        {
            node = node.GetOrAddChild(Open);
            foreach (var item in array.Items) node = AddPart(node, item);
            return node.GetOrAddChild(Close);
        }
        return node.GetOrAddChild(part);
    }

    private static void Flatten(KeyNode part, List<object> tokens)
    {
        if (part is ArrayNode array)
        {
            tokens.Add(Open);
            foreach (var item in array.Items) Flatten(item, tokens);
            tokens.Add(Close);
        }
        else
        {
            tokens.Add(part);
        }
    }

    private sealed class SentinelToken
    {
        private readonly string _text;

        public SentinelToken(string text) => _text = text;

        public override string ToString() => _text;
    }

    /// <summary>A trie node. Most nodes have one child, kept inline; a dictionary appears from the second child on.</summary>
    internal sealed class Node
    {
        private object? _onlyToken;
        private Node? _onlyChild;
        private Dictionary<object, Node>? _children;

        public Node(Node? parent, object? token)
        {
            Parent = parent;
            Token = token;
        }

        public Node? Parent { get; }

        /// <summary>The token on the edge from the parent (a <see cref="KeyNode"/> or an array sentinel).</summary>
        public object? Token { get; }

        /// <summary>The entry whose key ends here, if any.</summary>
        public QueryEntry? Terminal { get; set; }

        public int ChildCount => _children?.Count ?? (_onlyChild is null ? 0 : 1);

        public bool TryGetChild(object token, out Node child)
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

        public Node GetOrAddChild(object token)
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
                _children = new Dictionary<object, Node> { [_onlyToken!] = _onlyChild, [token] = child };
                _onlyToken = null;
                _onlyChild = null;
            }
            return child;
        }

        public void RemoveChild(object token)
        {
            if (_children is not null)
            {
                _children.Remove(token);
                if (_children.Count == 0) _children = null;
            }
            else if (_onlyChild is not null && _onlyToken!.Equals(token))
            {
                _onlyToken = null;
                _onlyChild = null;
            }
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
}
