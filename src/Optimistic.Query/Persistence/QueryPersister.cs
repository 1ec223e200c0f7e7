using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query.Cache;

namespace Optimistic.Query.Persistence;

/// <summary>
/// Persists a <see cref="QueryClient"/>'s cache to an <see cref="IPersistenceStorage"/> (a file by default) and restores
/// it (TanStack's <c>persistQueryClient</c>). <see cref="StartAsync"/> restores the stored cache, then writes the cache
/// after each change, at most once per <see cref="QueryPersisterOptions.Throttle"/>.
/// </summary>
/// <remarks>
/// Nothing here throws at the app after construction: a stored cache that is expired, written with another buster or
/// format version, corrupt (its payload does not match its checksum) or truncated is deleted and reported; a storage that fails to read, write or delete is
/// reported; in every case through <see cref="Reported"/> and the logger, and the live cache carries on. One persister
/// per client.
/// </remarks>
public sealed class QueryPersister : IDisposable, IAsyncDisposable
{
    private readonly QueryClient _client;
    private readonly QueryPersisterOptions _options;
    private readonly TimeProvider _time;
    private readonly PersistenceReporter _reporter;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly object _gate = new();
    private ITimer? _timer;
    private Task _pendingWrite = Task.CompletedTask;
    private int _dirty;
    private bool _subscribed;
    private bool _disposed;

    /// <summary>Creates a persister; it neither reads nor writes until <see cref="StartAsync"/> (or the explicit methods).</summary>
    /// <param name="client">The client to persist.</param>
    /// <param name="options">Settings; null for the defaults (a file at <see cref="FileStorage.DefaultPath"/>, 24 h MaxAge).</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">MaxAge or Throttle is negative.</exception>
    public QueryPersister(QueryClient client, QueryPersisterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new QueryPersisterOptions();
        if (_options.MaxAge is { } maxAge && maxAge < TimeSpan.Zero && maxAge != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), maxAge, "MaxAge cannot be negative.");
        if (_options.Throttle < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), _options.Throttle, "Throttle cannot be negative.");
        _time = _options.TimeProvider ?? client.Options.TimeProvider;
        Storage = _options.Storage ?? new FileStorage(FileStorage.DefaultPath);
        _reporter = new PersistenceReporter(_options.Logger ?? client.Options.Logger, Raise);
    }

    /// <summary>
    /// Raised for everything persistence discards or cannot do (see <see cref="PersistenceEventReason"/>), on the thread
    /// that hit it. A handler that throws is logged; other handlers and the cache carry on.
    /// </summary>
    public event EventHandler<PersistenceEventArgs>? Reported;

    /// <summary>The storage in use.</summary>
    public IPersistenceStorage Storage { get; }

    /// <summary>Restores the stored cache (<see cref="RestoreAsync"/>), then persists every later change, throttled.</summary>
    /// <param name="cancellationToken">Cancels the restore.</param>
    /// <returns>Whether a stored cache was restored.</returns>
    /// <exception cref="ObjectDisposedException">The persister is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<bool> StartAsync(CancellationToken cancellationToken = default)
    {
        bool restored = await RestoreAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_subscribed)
            {
                _subscribed = true;
                _timer = _time.CreateTimer(static state => ((QueryPersister)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _client.Changes.Listener = OnCacheChanged;
            }
        }
        return restored;
    }

    /// <summary>
    /// Reads the stored cache, validates it (UTF-8, format version, checksum, shape, buster, MaxAge) and hydrates the client. An invalid
    /// store is deleted and reported; a failing storage is reported. Never throws for either.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether a stored cache was restored.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken = default)
    {
        byte[]? bytes;
        try
        {
            bytes = await Storage.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            Report(PersistenceEventReason.ReadFailed, "The stored query cache could not be read; nothing was restored.", error);
            return false;
        }
        if (bytes is null) return false;

        var result = DehydratedState.Read(bytes, _reporter);
        if (result.State is not { } state)
        {
            string what = result.Reason == PersistenceEventReason.FormatVersionMismatch ? "was written in another format" : "is corrupt";
            await DiscardAsync(result.Reason, $"The stored query cache {what} ({result.Error}); it was discarded.", cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (!string.Equals(state.Buster, _options.Buster, StringComparison.Ordinal))
        {
            await DiscardAsync(PersistenceEventReason.BusterMismatch,
                $"The stored query cache has buster '{state.Buster}', this app expects '{_options.Buster}'; it was discarded.", cancellationToken).ConfigureAwait(false);
            return false;
        }
        var now = _time.GetUtcNow();
        if (IsLimited(_options.MaxAge, out var maxAge) && now - state.Timestamp > maxAge)
        {
            await DiscardAsync(PersistenceEventReason.Expired,
                $"The stored query cache was written at {state.Timestamp:O}, more than {maxAge} ago; it was discarded.", cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (state.Timestamp > now + TimeSpan.FromMinutes(5))
        {
            // A timestamp from the future (a clock set back, or a forged file) would never expire.
            await DiscardAsync(PersistenceEventReason.Expired,
                $"The stored query cache claims to be written at {state.Timestamp:O}, after now; it was discarded.", cancellationToken).ConfigureAwait(false);
            return false;
        }
        try
        {
            _client.HydrateCore(state, new HydrateOptions { JsonSerializerOptions = _options.JsonSerializerOptions }, _reporter,
                IsLimited(_options.MaxAge, out var retention) ? retention : TimeSpan.MaxValue);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        return true;
    }

    /// <summary>Writes the cache now (after any write in progress), whatever the throttle. Failures are reported, not thrown.</summary>
    /// <param name="cancellationToken">Cancels the wait for the write gate.</param>
    /// <returns>A task that completes when the write is done.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _dirty, 0);
        await WriteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the stored cache (for example on sign-out). Failures are reported, not thrown.</summary>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>A task that completes when the store is deleted.</returns>
    public async Task RemoveAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DeleteCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Stops listening to the cache. A pending throttled write is dropped; call <see cref="FlushAsync"/> first to keep it.</summary>
    public void Dispose()
    {
        ITimer? timer;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            timer = _timer;
            _timer = null;
            if (_subscribed) _client.Changes.Listener = null;
        }
        timer?.Dispose();
    }

    /// <summary>Stops listening and writes pending changes, if any.</summary>
    /// <returns>A task that completes when the last write is done.</returns>
    public async ValueTask DisposeAsync()
    {
        bool pending = Volatile.Read(ref _dirty) == 1;
        Dispose();
        Task inFlight;
        lock (_gate) inFlight = _pendingWrite;
        await inFlight.ConfigureAwait(false);
        if (pending) await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The task of the throttled write in progress (completed when none), for tests and shutdown.</summary>
    internal Task PendingWrite
    {
        get
        {
            lock (_gate) return _pendingWrite;
        }
    }

    private static bool IsLimited(TimeSpan? maxAge, out TimeSpan value)
    {
        value = maxAge ?? TimeSpan.MaxValue;
        return maxAge is { } age && age != TimeSpan.MaxValue && age != Timeout.InfiniteTimeSpan;
    }

    /// <summary>The cache changed: arm the throttle timer unless a write is already due. Cheap; may run under an entry's lock.</summary>
    private void OnCacheChanged(QueryEntry entry)
    {
        if (Interlocked.Exchange(ref _dirty, 1) == 1) return;
        try
        {
            _timer?.Change(_options.Throttle, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: nothing more to write.
        }
    }

    private void OnTimer()
    {
        if (Interlocked.Exchange(ref _dirty, 0) == 0) return;
        lock (_gate)
        {
            if (_disposed) return;
            _pendingWrite = WriteAsync(CancellationToken.None);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] bytes;
            try
            {
                var state = _client.DehydrateCore(new DehydrateOptions
                {
                    ShouldDehydrate = _options.Filter,
                    JsonSerializerOptions = _options.JsonSerializerOptions,
                }, _reporter);
                bytes = state.WithBuster(_options.Buster).ToUtf8Json();
            }
            catch (Exception error)
            {
                Report(PersistenceEventReason.SerializationFailed, "The query cache could not be serialized; nothing was written.", error);
                return;
            }
            try
            {
                await Storage.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                Report(PersistenceEventReason.WriteFailed, "The query cache could not be written; the stored copy (if any) is unchanged.", error);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task DiscardAsync(PersistenceEventReason reason, string message, CancellationToken cancellationToken)
    {
        Report(reason, message, null);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DeleteCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task DeleteCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Storage.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            Report(PersistenceEventReason.DeleteFailed, "The stored query cache could not be deleted.", error);
        }
    }

    private void Report(PersistenceEventReason reason, string message, Exception? error) =>
        _reporter.Report(new PersistenceEventArgs(reason, message, null, error));

    private void Raise(PersistenceEventArgs e)
    {
        var handlers = Reported;
        if (handlers is null) return;
        foreach (EventHandler<PersistenceEventArgs> handler in handlers.GetInvocationList())
        {
            try
            {
                handler(this, e);
            }
            catch (Exception error)
            {
                PersistenceLog.Write(_reporter.Logger, new PersistenceEventArgs(PersistenceEventReason.HandlerFailed,
                    $"A handler of the persistence event {e.Reason} threw; the others still ran.", e.Key, error));
            }
        }
    }
}
