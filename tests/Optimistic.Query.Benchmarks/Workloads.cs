namespace Optimistic.Query.Benchmarks;

/// <summary>One row of a notifications page (the anchor's <c>{ id, title, read }</c>).</summary>
public sealed record Item(int Id, string Title, bool Read);

/// <summary>A cached page (the anchor's <c>{ items, nextCursor }</c>).</summary>
public sealed record Page(Item[] Items, int NextCursor)
{
    /// <summary>The anchor's updater: a new page whose item <paramref name="index"/> has its read flag set to <paramref name="read"/>.</summary>
    public Page WithRead(int index, bool read)
    {
        var items = (Item[])Items.Clone();
        items[index] = items[index] with { Read = read };
        return this with { Items = items };
    }
}

/// <summary>A populated entry's data in the prefix workloads (the anchor's <c>{ p, i }</c>).</summary>
public sealed record Cell(int P, int I);

/// <summary>
/// The key shapes and data of ../shared/anchors/query-core/bench-query-core.mjs, one for one, so the ratios
/// compare the same work.
/// </summary>
public static class Workloads
{
    /// <summary><c>[['notification','getNotifications'], { input: { limit: 20, offset: i, unreadOnly: false }, type: 'query' }]</c></summary>
    public static QueryKey NotificationsKey(int i) =>
        QueryKey.Create(new[] { "notification", "getNotifications" }, new { input = new { limit = 20, offset = i, unreadOnly = false }, type = "query" });

    /// <summary><c>[[`router${p}`, 'getList'], { input: { limit: 20, offset: i, unreadOnly: false }, type: 'query' }]</c></summary>
    public static QueryKey RouterKey(int p, int i) =>
        QueryKey.Create(new[] { $"router{p}", "getList" }, new { input = new { limit = 20, offset = i, unreadOnly = false }, type = "query" });

    /// <summary><c>[[`router${p}`]]</c>: matches every key of router p.</summary>
    public static QueryKey RouterPrefix(int p) => QueryKey.Create((object)new[] { $"router{p}" });

    /// <summary>The anchor's <c>page(i, read)</c>: 20 items.</summary>
    public static Page MakePage(int i, bool read = false)
    {
        var items = new Item[20];
        for (int k = 0; k < items.Length; k++) items[k] = new Item(i * 20 + k, $"n{i}-{k}", read);
        return new Page(items, i + 1);
    }

    /// <summary>The anchor's <c>populate</c>: <paramref name="total"/> entries spread over <paramref name="prefixes"/> routers.</summary>
    public static QueryClient Populate(int total, int prefixes)
    {
        var client = new QueryClient();
        int perPrefix = total / prefixes;
        for (int p = 0; p < prefixes; p++)
            for (int i = 0; i < perPrefix; i++)
                client.SetQueryData(RouterKey(p, i), new Cell(p, i));
        if (client.Count != total) throw new InvalidOperationException($"populate: expected {total} entries, found {client.Count}");
        return client;
    }

    /// <summary>A client holding <paramref name="size"/> notification pages, and their keys.</summary>
    public static (QueryClient Client, QueryKey[] Keys) NotificationsCache(int size)
    {
        var client = new QueryClient();
        var keys = new QueryKey[size];
        for (int i = 0; i < size; i++)
        {
            keys[i] = NotificationsKey(i);
            client.SetQueryData(keys[i], MakePage(i));
        }
        return (client, keys);
    }

    /// <summary>One iteration of the anchor's optimistic loop: cancel, snapshot, write, invalidate (no refetch).</summary>
    public static async Task OptimisticIterationAsync(QueryClient client, QueryKey key, int iteration, bool exact)
    {
        await client.CancelQueriesAsync(key, exact).ConfigureAwait(false);
        var previous = client.GetQueryData<Page>(key)!;
        int index = iteration % 20;
        client.SetQueryData(key, previous.WithRead(index, !previous.Items[index].Read));
        await client.InvalidateQueriesAsync(key, exact, RefetchType.None).ConfigureAwait(false);
    }
}
