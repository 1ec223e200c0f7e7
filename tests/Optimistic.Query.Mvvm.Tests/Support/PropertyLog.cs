using System.Collections.Concurrent;
using System.ComponentModel;

namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>Every property change a view model raised: the property, the raising thread, and a value read at that moment.</summary>
internal sealed class PropertyLog<TSource, TValue> : IDisposable
    where TSource : INotifyPropertyChanged
{
    private readonly TSource _source;
    private readonly Func<TSource, TValue> _read;
    private readonly ConcurrentQueue<(string? Name, int ThreadId, TValue Value)> _entries = new();

    public PropertyLog(TSource source, Func<TSource, TValue> read)
    {
        _source = source;
        _read = read;
        source.PropertyChanged += OnChanged;
    }

    public IReadOnlyList<(string? Name, int ThreadId, TValue Value)> Entries => _entries.ToArray();

    public IEnumerable<TValue> ValuesOf(string name) => Entries.Where(e => e.Name == name).Select(e => e.Value);

    public void Dispose() => _source.PropertyChanged -= OnChanged;

    private void OnChanged(object? sender, PropertyChangedEventArgs e) =>
        _entries.Enqueue((e.PropertyName, Environment.CurrentManagedThreadId, _read(_source)));
}
