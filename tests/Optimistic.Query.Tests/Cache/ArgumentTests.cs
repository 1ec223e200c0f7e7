namespace Optimistic.Query.Tests.Cache;

public class ArgumentTests
{
    private static readonly QueryKey Key = QueryKey.Create("k");
    private static readonly Func<CancellationToken, Task<int>> Fetcher = _ => Task.FromResult(1);

    [Fact]
    public void Null_keys_throw_naming_the_parameter()
    {
        using var client = new QueryClient();
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.GetQueryData<int>(null!)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.SetQueryData(null!, 1)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.SetQueryData<int>(null!, n => n)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.UpdateQueryData<int>(null!, n => n)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => { _ = client.CancelQueriesAsync(null!); }).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => { _ = client.InvalidateQueriesAsync(null!); }).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => { _ = client.FetchQueryAsync(null!, Fetcher); }).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => { _ = client.EnsureQueryDataAsync(null!, Fetcher); }).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.Observe(null!, Fetcher)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.GetQueryState<int>(null!)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => client.RemoveQueries(null!)).ParamName);
    }

    [Fact]
    public void Null_functions_throw_naming_the_parameter()
    {
        using var client = new QueryClient();
        Assert.Equal("updater", Assert.Throws<ArgumentNullException>(() => client.SetQueryData(Key, (Func<int, int>)null!)).ParamName);
        Assert.Equal("recipe", Assert.Throws<ArgumentNullException>(() => client.UpdateQueryData<int>(Key, null!)).ParamName);
        Assert.Equal("fetcher", Assert.Throws<ArgumentNullException>(() => { _ = client.FetchQueryAsync<int>(Key, null!); }).ParamName);
        Assert.Equal("fetcher", Assert.Throws<ArgumentNullException>(() => { _ = client.EnsureQueryDataAsync<int>(Key, null!); }).ParamName);
        Assert.Equal("fetcher", Assert.Throws<ArgumentNullException>(() => client.Observe<int>(Key, null!)).ParamName);
        Assert.Equal("tags", Assert.Throws<ArgumentNullException>(() => { _ = client.InvalidateTagsAsync(null!); }).ParamName);
    }

    [Fact]
    public void Bad_options_throw_naming_the_setting()
    {
        using var client = new QueryClient();
        var retry = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.FetchQueryAsync(Key, Fetcher, new FetchOptions { Retry = -1 }); });
        Assert.Equal("options", retry.ParamName);
        Assert.Contains("FetchOptions.Retry", retry.Message, StringComparison.Ordinal);
        var stale = Assert.Throws<ArgumentOutOfRangeException>(() => client.Observe(Key, Fetcher, new FetchOptions { StaleTime = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("FetchOptions.StaleTime", stale.Message, StringComparison.Ordinal);
        var gc = Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.EnsureQueryDataAsync(Key, Fetcher, new FetchOptions { GcTime = TimeSpan.FromSeconds(-2) }); });
        Assert.Contains("FetchOptions.GcTime", gc.Message, StringComparison.Ordinal);
        var tag = Assert.Throws<ArgumentException>(() => { _ = client.FetchQueryAsync(Key, Fetcher, new FetchOptions { Tags = new[] { default(QueryTag) } }); });
        Assert.Contains("default(QueryTag)", tag.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => { _ = client.InvalidateTagsAsync(default(QueryTag)); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = client.InvalidateQueriesAsync(Key, refetch: (RefetchType)42); });
        Assert.Equal(0, client.Count); // nothing was created by a rejected call
    }

    [Fact]
    public void Bad_client_options_throw_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new QueryClient(new QueryClientOptions { ObserverRetry = -1 }));
        Assert.Contains("ObserverRetry", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new QueryClient(new QueryClientOptions { TimeProvider = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryClient(new QueryClientOptions { GcTime = TimeSpan.FromMinutes(-1) }));
    }
}
