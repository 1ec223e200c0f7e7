namespace Optimistic.Query.Mvvm.Tests.Binding;

/// <summary>The smallest view model over the cache: one observable query.</summary>
public sealed class TitleViewModel(QueryClient client, QueryKey key) : IDisposable
{
    public ObservableQuery<string> Title { get; } =
        new(client, key, _ => Task.FromResult("from the server"), new FetchOptions { StaleTime = TimeSpan.FromHours(1) });

    public void Dispose() => Title.Dispose();
}
