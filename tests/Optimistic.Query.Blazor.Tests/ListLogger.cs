using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Blazor.Tests;

/// <summary>Keeps what was logged.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Id, Exception? Error)> _entries = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, Exception? Error)> Entries
    {
        get { lock (_entries) return _entries.ToList(); }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries) _entries.Add((logLevel, eventId, exception));
    }
}
