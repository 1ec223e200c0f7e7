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
/// <para>Dispose it with the view model: the observer is disposed (the entry may then be collected) and nothing more is raised.</para>
/// </remarks>
public sealed class ObservableQuery<T> : ObservableObject, IDisposable
{
    private readonly QueryObserver<T> _observer;
    private readonly UiStateRelay<QueryState<T>> _relay;
    private readonly IDisposable _subscription;
    private QueryState<T>? _state;
    private T? _data;
    private QueryStatus _status;
    private bool _isFetching;
    private Exception? _error;
    private int _disposed;

    /// <summary>Starts observing <paramref name="key"/> (fetching it when it has no data or its data is stale).</summary>
    /// <param name="client">The app's query client.</param>
    /// <param name="key">The query's key.</param>
    /// <param name="fetcher">Loads the data; also used by refetches and invalidation.</param>
    /// <param name="options">Per-query settings, or null for the client's defaults.</param>
    /// <param name="dispatcher">Where to raise changes; null for <see cref="UiDispatcher.FromCurrentThread"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="key"/> or <paramref name="fetcher"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The client is disposed.</exception>
    public ObservableQuery(QueryClient client, QueryKey key, Func<CancellationToken, Task<T>> fetcher, FetchOptions? options = null,
        IUiDispatcher? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _relay = new UiStateRelay<QueryState<T>>(dispatcher ?? UiDispatcher.FromCurrentThread(), Apply);
        _observer = client.Observe(key, fetcher, options);
        _subscription = _observer.Subscribe(_relay.Push);
        _relay.Push(_observer.State);
        RefetchCommand = new AsyncRelayCommand(RefetchAsync);
    }

    /// <summary>The observed key.</summary>
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

    /// <summary>Refetches the query; never faults (a failed fetch is in <see cref="Error"/>).</summary>
    public IAsyncRelayCommand RefetchCommand { get; }

    /// <summary>Fetches the query now, whether or not its data is stale.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the fetch goes on.</param>
    /// <returns>A task that completes when the fetch settles; fetch errors do not fault it (they are in <see cref="Error"/>).</returns>
    public Task RefetchAsync(CancellationToken cancellationToken = default) =>
        Volatile.Read(ref _disposed) != 0 ? Task.CompletedTask : _observer.RefetchAsync(cancellationToken);

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
    }
}
