using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Cache;

namespace Optimistic.Query;

// Focus and connectivity: TanStack Query's focusManager and onlineManager, told by the app (or a UI binding).
public sealed partial class QueryClient
{
    private int _unfocused; // 0 while focused (the default); swapped atomically
    private int _offline;   // 0 while online (the default)

    /// <summary>Whether the app has focus, as last told through <see cref="SetFocused"/>. Default: true.</summary>
    public bool IsFocused => Volatile.Read(ref _unfocused) == 0;

    /// <summary>Whether the app is online, as last told through <see cref="SetOnline"/>. Default: true.</summary>
    public bool IsOnline => Volatile.Read(ref _offline) == 0;

    /// <summary>
    /// Tells the client whether the app has focus (TanStack's <c>focusManager.setFocused</c>): a window activated or
    /// deactivated, a browser tab shown or hidden, an app brought to the foreground or sent to the background. When the
    /// app regains focus, each observed query whose enabled observers ask for it
    /// (<see cref="QueryObserverOptions.RefetchOnFocus"/>, by default: when the query is stale) is refetched.
    /// </summary>
    /// <param name="focused">True when the app gained focus, false when it lost it.</param>
    /// <remarks>
    /// <para>Only a change from unfocused to focused refetches: telling the client <c>true</c> again, or <c>false</c>,
    /// only records it (<see cref="IsFocused"/>), so a binding may report every focus event it sees. While the app is
    /// offline (<see cref="IsOnline"/> false), regaining focus refetches nothing (the fetches would fail);
    /// <see cref="SetOnline"/> refetches when the network comes back.</para>
    /// <para>One fetch per query, joining a fetch already in flight; observers that are disabled
    /// (<see cref="QueryObserverOptions.Enabled"/>), disposed, or whose option is <see cref="RefetchMode.Never"/> do not
    /// refetch, nor do queries without observers, nor queries removed from the cache (<see cref="RemoveQueries"/>,
    /// <see cref="Clear"/>; as in TanStack, their observers bring them back on their next
    /// <see cref="QueryObserver{T}.RefetchAsync"/>). Each observer judges staleness by its own
    /// <see cref="FetchOptions.StaleTime"/>.</para>
    /// <para>Returns once the fetches have started; they run in the background. A failed fetch lands in its query's
    /// state (as <see cref="QueryState{T}.Error"/>, after the retries) and is logged through
    /// <see cref="QueryClientOptions.Logger"/>; it is never thrown here. Thread-safe; it visits the observed queries only,
    /// so it costs little when nothing is stale. After <see cref="Dispose"/> it records the state and fetches nothing.</para>
    /// </remarks>
    public void SetFocused(bool focused)
    {
        bool wasFocused = Interlocked.Exchange(ref _unfocused, focused ? 0 : 1) == 0;
        if (!focused || wasFocused) return;
        if (!IsOnline)
        {
            CacheLog.FocusRegainedOffline(Options.Logger);
            return;
        }
        RefetchObserved(AppEvent.Focus);
    }

    /// <summary>
    /// Tells the client whether the app is online (TanStack's <c>onlineManager.setOnline</c>): the browser's
    /// <c>online</c>/<c>offline</c> events, MAUI's <c>Connectivity.ConnectivityChanged</c>, a failed health check. When
    /// the network comes back, each observed query whose enabled observers ask for it
    /// (<see cref="QueryObserverOptions.RefetchOnReconnect"/>, by default: when the query is stale) is refetched.
    /// </summary>
    /// <param name="online">True when the network came back, false when it went away.</param>
    /// <remarks>
    /// Only a change from offline to online refetches; telling the client <c>true</c> again, or <c>false</c>, only
    /// records it (<see cref="IsOnline"/>). Going offline does not pause fetches: they run, and fail, as before. Which
    /// observers refetch, failures, threads and cost: as <see cref="SetFocused"/>.
    /// </remarks>
    public void SetOnline(bool online)
    {
        bool wasOnline = Interlocked.Exchange(ref _offline, online ? 0 : 1) == 0;
        if (!online || wasOnline) return;
        RefetchObserved(AppEvent.Reconnect);
    }

    /// <summary>Refetches, once per query, the observed entries whose observers ask for it on <paramref name="appEvent"/>.</summary>
    private void RefetchObserved(AppEvent appEvent)
    {
        if (_disposed) return;
        var now = _time.GetUtcNow();
        var observed = _store.Observed.Snapshot();
        int refetched = 0;
        foreach (var entry in observed)
        {
            if (entry.Removed || entry.FetcherOn(appEvent, now) is not { } fetcher) continue;
            // Joins a fetch in flight (TanStack's cancelRefetch: false): a focus event never restarts a fetch.
            if (StartOrJoinFetch(entry, fetcher, cancelRefetch: false) is not { } fetch) continue;
            refetched++;
            LogIfFailed(fetch, entry.Key, appEvent);
        }
        CacheLog.AppEventRefetching(Options.Logger, appEvent, refetched, observed.Count);
    }

    /// <summary>Logs the fetch's failure; a fetch nobody awaits would fail silently (its error is only in the state).</summary>
    private void LogIfFailed(Task<object?> fetch, QueryKey key, AppEvent appEvent)
    {
        if (Options.Logger is null) return;
        fetch.ContinueWith(static (task, state) =>
        {
            var (client, key, appEvent) = ((QueryClient, QueryKey, AppEvent))state!;
            CacheLog.AppEventRefetchThrew(client.Options.Logger, key, appEvent, task.Exception!.InnerException ?? task.Exception);
        }, (this, key, appEvent), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
