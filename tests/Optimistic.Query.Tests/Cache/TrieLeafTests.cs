using Optimistic.Query.Cache;
using Optimistic.Query.Keys;

namespace Optimistic.Query.Tests.Cache;

public class TrieLeafTests
{
    private static QueryEntry Add(PrefixIndex index, QueryKey key)
    {
        var entry = new QueryEntry(key, TimeSpan.Zero);
        index.Add(entry);
        return entry;
    }


    private static List<string> Matches(PrefixIndex index, QueryKey prefix)
    {
        var found = new List<QueryEntry>();
        index.CollectMatches(prefix, found);
        return found.Select(e => e.Key.ToString()).OrderBy(t => t, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void A_leaf_entry_is_held_by_a_branch_while_longer_keys_pass_through_it_and_is_a_leaf_again_after()
    {
        var index = new PrefixIndex();
        var todos = Add(index, QueryKey.Create("todos"));
        Assert.True(index.IsLeaf(todos));

        var first = Add(index, QueryKey.Create("todos", 1));
        var second = Add(index, QueryKey.Create("todos", 2, "comments"));
        Assert.False(index.IsLeaf(todos)); // a branch took its place and holds it as its terminal
        Assert.True(index.IsLeaf(first));
        index.CheckInvariants();
        Assert.Equal(3, Matches(index, QueryKey.Create("todos")).Count);
        Assert.Equal(new[] { "[\"todos\",2,\"comments\"]" }, Matches(index, QueryKey.Create("todos", 2)));

        index.Remove(second);
        index.CheckInvariants();
        Assert.False(index.IsLeaf(todos));
        index.Remove(first);
        index.CheckInvariants();
        Assert.True(index.IsLeaf(todos)); // nothing passes through any more
        Assert.Equal(new[] { "[\"todos\"]" }, Matches(index, QueryKey.Create("todos")));

        index.Remove(todos);
        Assert.True(index.IsEmpty);
    }

    [Fact]
    public void A_longer_key_added_before_the_shorter_one_makes_the_shorter_one_a_terminal_and_removing_it_keeps_the_branch()
    {
        var index = new PrefixIndex();
        var longer = Add(index, QueryKey.Create("user", 7, "posts"));
        var shorter = Add(index, QueryKey.Create("user", 7));
        Assert.False(index.IsLeaf(shorter));
        Assert.True(index.IsLeaf(longer));
        index.Remove(shorter);
        index.CheckInvariants();
        Assert.Equal(new[] { "[\"user\",7,\"posts\"]" }, Matches(index, QueryKey.Create("user")));
        index.Remove(longer);
        Assert.True(index.IsEmpty);
    }

    [Fact]
    public void Leaf_and_branch_swaps_among_many_object_siblings_keep_the_postings_exact()
    {
        var index = new PrefixIndex();
        QueryKey Key(int offset, params object[] more) =>
            QueryKey.Create(new object[] { new[] { "notification", "get" }, new { input = new { limit = 20, offset }, type = "query" } }.Concat(more).ToArray());
        var entries = Enumerable.Range(0, 50).Select(i => Add(index, Key(i))).ToList();
        Assert.Single(Matches(index, Key(7))); // a composite step through 50 siblings builds the postings

        // Entries 0..9 get a longer key through them (leaf -> branch), then lose it (branch -> leaf).
        var longer = Enumerable.Range(0, 10).Select(i => Add(index, Key(i, "page2"))).ToList();
        index.CheckInvariants();
        Assert.Equal(2, Matches(index, Key(3)).Count);
        Assert.Equal(60, Matches(index, QueryKey.Create((object)new[] { "notification" })).Count);
        foreach (var entry in longer) index.Remove(entry);
        index.CheckInvariants();
        Assert.All(entries, e => Assert.True(index.IsLeaf(e)));
        Assert.Single(Matches(index, Key(3)));

        // Removing the terminals first leaves branches that still hold the longer keys.
        longer = Enumerable.Range(0, 10).Select(i => Add(index, Key(i, "page2"))).ToList();
        foreach (var entry in entries.Take(10)) index.Remove(entry);
        index.CheckInvariants();
        Assert.Equal(new[] { Key(4, "page2").ToString() }, Matches(index, Key(4)));
        foreach (var entry in longer.Concat(entries.Skip(10))) index.Remove(entry);
        Assert.True(index.IsEmpty);
    }

    [Fact]
    public void Trie_children_grow_shrink_replace_and_enumerate_exactly_their_members()
    {
        var children = new TrieChildren();
        var tokens = Enumerable.Range(0, 3_000).Select(i => QueryKey.Create(i).Nodes[0]).ToArray(); // several chunks
        var branches = tokens.Select(t => new PrefixIndex.Branch(t)).ToArray();
        foreach (var branch in branches) children.Add(branch);
        Assert.Equal(3_000, children.Count);
        var inOrder = new List<PrefixIndex.Node>();
        foreach (var child in children) inOrder.Add(child);
        Assert.Equal(branches, inOrder); // slot order is arrival order while nothing left
        for (int i = 0; i < tokens.Length; i++)
        {
            Assert.True(children.TryGet(tokens[i], out var found));
            Assert.Same(branches[i], found);
        }
        Assert.False(children.TryGet(QueryKey.Create(3_000).Nodes[0], out _));

        var replacement = new PrefixIndex.Branch(tokens[5]);
        children.Replace(branches[5], replacement);
        Assert.True(children.TryGet(tokens[5], out var replaced));
        Assert.Same(replacement, replaced);
        branches[5] = replacement;

        // Remove all but one in random order, checking membership and the enumeration as the table shrinks.
        var live = new HashSet<PrefixIndex.Node>(branches);
        var random = new Random(77);
        var order = Enumerable.Range(0, 3_000).OrderBy(_ => random.Next()).ToArray();
        for (int n = 0; n < order.Length - 1; n++)
        {
            var gone = branches[order[n]];
            children.Remove(gone);
            live.Remove(gone);
            Assert.False(children.TryGet(gone.Token!, out _));
            if (n % 500 == 0 || live.Count < 5)
            {
                var seen = new List<PrefixIndex.Node>();
                foreach (var child in children) seen.Add(child);
                Assert.Equal(live.Count, seen.Count);
                Assert.True(live.SetEquals(seen));
                Assert.All(live, node => Assert.True(children.TryGet(node.Token!, out var again) && ReferenceEquals(again, node)));
            }
        }
        Assert.Equal(1, children.Count);
        var last = branches[order[^1]];
        Assert.True(children.TryGet(last.Token!, out _));
        children.Remove(last);
        Assert.Equal(0, children.Count);
        foreach (var child in children) Assert.Fail($"unexpected child {child.Token}");
        children.Add(last);
        Assert.True(children.TryGet(last.Token!, out _));
    }
}
