using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests.Cache;

/// <summary>
/// Regression: with gcTime zero and a timer that fires inline, the gc callback ran inside SetQueryData's locks before the
/// new entry was published, collected it, and the write then published an entry already removed, on which every later
/// write or fetch of the key retried forever.
/// </summary>
public class InlineTimerGcTests
{
    private static readonly QueryKey Key = QueryKey.Create("inline-gc");

    [Fact]
    public async Task A_timer_that_fires_inline_never_leaves_a_removed_entry_in_the_cache()
    {
        var time = new SynchronousTimeProvider();
        using var client = new QueryClient(new QueryClientOptions { TimeProvider = time, GcTime = TimeSpan.Zero });

        // Off the test thread, with a safety net: before the fix these calls never returned.
        var writes = Task.Run(() =>
        {
            for (int i = 1; i <= 100; i++)
            {
                client.SetQueryData(Key, i);
                client.SetQueryData<int>(Key, n => n + 1);
            }
        });
        await writes.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(time.InlineFires > 0, "the provider fired a timer inline");

        var fetched = await client.FetchQueryAsync(Key, _ => Task.FromResult(7)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(7, fetched);
        Eventually.True(() => client.Count == 0, "the idle entry to be collected");
    }
}
