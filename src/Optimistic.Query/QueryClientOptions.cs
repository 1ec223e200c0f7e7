using System;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query;

/// <summary>Defaults for every query of a <see cref="QueryClient"/>.</summary>
public sealed class QueryClientOptions
{
    private readonly TimeProvider? _timeProvider;
    private readonly bool _hasTimeProvider;

    /// <summary>The clock behind staleness, retries, garbage collection and mutation submit times. Default: <see cref="TimeProvider.System"/>.</summary>
    /// <remarks>
    /// Registered through <c>AddOptimisticQuery</c>, a client whose options leave this unset takes the container's
    /// <see cref="System.TimeProvider"/> when one is registered.
    /// </remarks>
    public TimeProvider TimeProvider
    {
        get => _hasTimeProvider ? _timeProvider! : TimeProvider.System;
        init
        {
            _timeProvider = value;
            _hasTimeProvider = true;
        }
    }

    /// <summary>Default <see cref="FetchOptions.StaleTime"/>: zero (data is stale as soon as it arrives, as in TanStack).</summary>
    public TimeSpan StaleTime { get; init; } = TimeSpan.Zero;

    /// <summary>Default <see cref="FetchOptions.GcTime"/>: five minutes.</summary>
    public TimeSpan GcTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Default retries for fetches made by observers: three. Imperative fetches
    /// (<see cref="QueryClient.FetchQueryAsync{T}"/>, <see cref="QueryClient.EnsureQueryDataAsync{T}"/>)
    /// do not retry unless <see cref="FetchOptions.Retry"/> says so, as in TanStack.
    /// </summary>
    public int ObserverRetry { get; init; } = 3;

    /// <summary>
    /// Default <see cref="QueryObserverOptions.RefetchOnFocus"/>: <see cref="RefetchMode.IfStale"/> (as TanStack's
    /// <c>refetchOnWindowFocus: true</c>). Set <see cref="RefetchMode.Never"/> to turn refetching on focus off app-wide.
    /// </summary>
    public RefetchMode RefetchOnFocus { get; init; } = RefetchMode.IfStale;

    /// <summary>
    /// Default <see cref="QueryObserverOptions.RefetchOnReconnect"/>: <see cref="RefetchMode.IfStale"/> (as TanStack's
    /// <c>refetchOnReconnect: true</c>). Set <see cref="RefetchMode.Never"/> to turn refetching on reconnect off app-wide.
    /// </summary>
    public RefetchMode RefetchOnReconnect { get; init; } = RefetchMode.IfStale;

    /// <summary>Default retry delay: 1 s doubling per attempt, at most 30 s.</summary>
    public Func<int, Exception, TimeSpan> RetryDelay { get; init; } =
        static (attempt, _) => TimeSpan.FromMilliseconds(Math.Min(1000 * Math.Pow(2, attempt - 1), 30_000));

    /// <summary>Where the cache logs discarded data, observer failures and the like. Default: none.</summary>
    /// <remarks>Registered through <c>AddOptimisticQuery</c>, a client whose options leave this unset logs to the app's <see cref="ILoggerFactory"/>.</remarks>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Receives every exception a listener throws: a <see cref="QueryObserver{T}"/> listener, a
    /// <see cref="Mutation{TVariables, TData, TContext}"/> listener, or an observer's state that cannot be read as its
    /// type. Each is also logged through <see cref="Logger"/>. Default: none.
    /// </summary>
    /// <remarks>
    /// The cache and the other listeners go on either way; this hook is where an app makes such failures visible (a UI
    /// framework that swallows them otherwise, a test that must fail on them). It runs on the thread that delivered the
    /// state, right after the listener threw; keep it short and thread-safe. If it throws, that exception is logged and
    /// ignored.
    /// </remarks>
    public Action<Exception>? OnListenerError { get; init; }

    /// <summary>Whether <see cref="TimeProvider"/> was set (rather than left at its default).</summary>
    internal bool HasTimeProvider => _hasTimeProvider;

    /// <summary>A copy of these options with the logger and clock replaced (null: keep this one's).</summary>
    internal QueryClientOptions With(ILogger? logger, TimeProvider? timeProvider) => new()
    {
        TimeProvider = timeProvider ?? TimeProvider,
        StaleTime = StaleTime,
        GcTime = GcTime,
        ObserverRetry = ObserverRetry,
        RetryDelay = RetryDelay,
        RefetchOnFocus = RefetchOnFocus,
        RefetchOnReconnect = RefetchOnReconnect,
        Logger = logger ?? Logger,
        OnListenerError = OnListenerError,
    };
}
