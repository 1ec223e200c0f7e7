using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Persistence;

/// <summary>
/// Where a <see cref="QueryPersister"/> keeps its one stored cache. Implementations may throw (a full disk, a read-only
/// store): the persister reports and logs it, and the app never sees it.
/// </summary>
public interface IPersistenceStorage
{
    /// <summary>Reads the stored cache.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored bytes, or null when nothing is stored.</returns>
    Task<byte[]?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stored cache. Should be atomic: a reader sees the old bytes or the new ones, never a mix.</summary>
    /// <param name="content">The new bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the bytes are stored.</returns>
    Task WriteAsync(byte[] content, CancellationToken cancellationToken);

    /// <summary>Deletes the stored cache; nothing happens when nothing is stored.</summary>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>A task that completes when the store is empty.</returns>
    Task DeleteAsync(CancellationToken cancellationToken);
}
