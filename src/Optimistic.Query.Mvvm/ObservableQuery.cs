using System;
using System.Threading;
using System.Threading.Tasks;
using CommunityToolkit.Mvvm.ComponentModel;
using CommunityToolkit.Mvvm.Input;

namespace Optimistic.Query.Mvvm;

/// <summary>
/// One query for a view model to bind to (TanStack's <c>useQuery</c> for WPF, MAUI and Avalonia): a
/// <see cref="QueryObserver{T}"/> whose state is raised as <see cref="System.ComponentModel.INotifyPropertyChanged"/>
/// properties on the UI thread.
/// </summary>
/// <typeparam name="T">The query's data type.</typeparam>
/// <remarks>
/// <para>
/// Create it on the UI thread (in the view model's constructor): changes are raised on the
/// <see cref="SynchronizationContext"/> it was created on, whatever thread made them (a fetch completing on the thread
/// pool, a mutation's optimistic write), in order, a burst coalesced into its newest state. Pass an
/// <see cref="IUiDispatcher"/> to choose the thread explicitly.
/// </para>
/// <para>
/// A paged or filtered view model switches the key with <see cref="SetOptions"/>; with
/// <see cref="QueryObserverOptions.KeepPreviousData"/> the previous page stays shown, flagged
/// <see cref="IsPlaceholderData"/>, until the new one arrives. With <see cref="QueryObserverOptions.Enabled"/> false
/// nothing fetches on its own (a search box still empty); <see cref="RefetchAsync"/> still does.
/// </para>
/// <para>Dispose it with the view model: the observer is disposed (the entry may then be collected) and nothing more is raised.</para>
/// </remarks>
public sealed class ObservableQuery<T> : ObservableObject, IDisposable
{
    private readonly QueryObserver<T> _observer;
    private readonly IUiDispatcher _dispatcher;
    private readonly UiStateRelay<QueryState<T>> _relay;
    private readonly IDisposable _subscription;
    private QueryState<T>? _state;
    private T? _data;
    private QueryStatus _status;
    private bool _isFetching;
    private Exception? _error;
    private bool _isPlaceholderData;
    private int _disposed;

    /// <summary>Starts observing <paramref name="key"/> (fetching it when it has no data or its data is stale).</summary>
    /// <param name="client">The app's query client.</param>
    /// <param name="key">The query's key.</param>
    /// <param name="fetcher">Loads the data; also used by refetches and invalidation.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="observerOptions">Enabled, keep-previous-data, refetch on focus and on reconnect; null for the defaults (enabled, nothing kept, the client's refetch modes).</param>
    /// <param name="dispatcher">Where to raise changes; null for <see cref="UiDispatcher.FromCurrentThread"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public ObservableQuery(QueryClient client, QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        QueryObserverOptions? observerOptions = null, IUiDispatcher? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _dispatcher = dispatcher ?? UiDispatcher.FromCurrentThread();
        _relay = new UiStateRelay<QueryState<T>>(_dispatcher, Apply);
        _observer = client.Observe(key, fetcher, options, observerOptions);
        _subscription = _observer.Subscribe(_relay.Push); // hands over the current state first
        RefetchCommand = new AsyncRelayCommand(RefetchAsync);
    }

    /// <summary>The observed key (raised when <see cref="SetOptions"/> switches it).</summary>
    public QueryKey Key => _observer.Key;

    /// <summary>The whole state last raised (null only before the first, which the constructor raises on the UI thread).</summary>
    public QueryState<T>? State => _state;

    /// <summary>The query's data, or default while there is none.</summary>
    public T? Data => _data;

    /// <summary>Whether the query has data, failed, or neither yet.</summary>
    public QueryStatus Status => _status;

    /// <summary>Whether a fetch is in flight (the first load or a background refetch).</summary>
    public bool IsFetching => _isFetching;

    /// <summary>The last fetch error, or null.</summary>
    public Exception? Error => _error;

    /// <summary>
    /// Whether <see cref="Data"/> is the previous key's, kept on screen after a switch with
    /// <see cref="QueryObserverOptions.KeepPreviousData"/> until the new key has data (dim the list, keep the pager).
    /// </summary>
    public bool IsPlaceholderData => _isPlaceholderData;

    /// <summary>Refetches the query; never faults (a failed fetch is in <see cref="Error"/>).</summary>
    public IAsyncRelayCommand RefetchCommand { get; }

    /// <summary>Fetches the query now, whether or not its data is stale.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the fetch goes on.</param>
    /// <returns>A task that completes when the fetch settles; fetch errors do not fault it (they are in <see cref="Error"/>).</returns>
    public Task RefetchAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _disposed) != 0 ? Task.CompletedTask : _observer.RefetchAsync(cancellationToken);

    /// <summary>
    /// Switches to another key, or changes the settings (TanStack's <c>setOptions</c>): the next page, another filter,
    /// enabling a query once its input is complete. The new key's state is raised as it arrives; <see cref="Key"/> at once.
    /// </summary>
    /// <param name="key">The key to observe; the same key only updates the settings.</param>
    /// <param name="fetcher">Loads the new key's data.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="observerOptions">Enabled, keep-previous-data, refetch on focus and on reconnect; null for the defaults (enabled, nothing kept, the client's refetch modes).</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">This query or its client is disposed.</exception>
    public void SetOptions(QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        QueryObserverOptions? observerOptions = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var before = _observer.Key;
        _observer.SetOptions(key, fetcher, options, observerOptions);
        if (before.Equals(key)) return;
        if (_dispatcher.CheckAccess()) OnPropertyChanged(nameof(Key));
        else _dispatcher.Post(() => OnPropertyChanged(nameof(Key)));
    }

    /// <summary>Stops observing: the observer is disposed and no change is raised any more.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _relay.Stop();
        _subscription.Dispose();
        _observer.Dispose();
    }

    private void Apply(QueryState<T> state)
    {
        _state = state;
        OnPropertyChanged(nameof(State));
        SetProperty(ref _data, state.Data, nameof(Data));
        SetProperty(ref _status, state.Status, nameof(Status));
        SetProperty(ref _isFetching, state.FetchStatus == FetchStatus.Fetching, nameof(IsFetching));
        SetProperty(ref _error, state.Error, nameof(Error));
        SetProperty(ref _isPlaceholderData, state.IsPlaceholderData, nameof(IsPlaceholderData));
    }
}
