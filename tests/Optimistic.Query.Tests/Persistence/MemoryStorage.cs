using Optimistic.Query.Persistence;

namespace Optimistic.Query.Tests.Persistence;

/// <summary>An in-memory <see cref="IPersistenceStorage"/> that can be told to fail; completes synchronously.</summary>
internal sealed class MemoryStorage : IPersistenceStorage
{
    private readonly object _gate = new();
    private byte[]? _content;

    public MemoryStorage(byte[]? content = null) => _content = content;

    public byte[]? Content
    {
        get { lock (_gate) return _content; }
        set { lock (_gate) _content = value; }
    }

    public int Writes { get; private set; }

    public int Deletes { get; private set; }

    public bool FailReads { get; set; }

    public bool FailWrites { get; set; }

    /// <summary>Behaves as a read-only store: writes and deletes throw <see cref="UnauthorizedAccessException"/>.</summary>
    public bool ReadOnly { get; set; }

    public Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        if (FailReads) throw new IOException("disk on fire");
        return Task.FromResult(Content);
    }

    public Task WriteAsync(byte[] content, CancellationToken cancellationToken)
    {
        if (ReadOnly) throw new UnauthorizedAccessException("read-only store");
        if (FailWrites) return Task.FromException(new IOException("disk full"));
        Content = content;
        Writes++;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (ReadOnly) throw new UnauthorizedAccessException("read-only store");
        Content = null;
        Deletes++;
        return Task.CompletedTask;
    }
}
