using System;

namespace Optimistic.Query;

/// <summary>
/// The result of <see cref="QueryClient.UpdateQueryData{T}"/>: whether the patch applied, and a way to undo it
/// (RTK Query's <c>patchResult.undo()</c>).
/// </summary>
/// <typeparam name="T">The query's data type.</typeparam>
public sealed class PatchResult<T>
{
    private readonly Action? _undo;

    internal PatchResult(bool applied, Action? undo)
    {
        Applied = applied;
        _undo = undo;
    }

    /// <summary>Whether the entry existed and the recipe was applied.</summary>
    public bool Applied { get; }

    /// <summary>
    /// Restores the value the patch replaced, only while the entry still holds the patch's value; after a later
    /// write it does nothing (use optimistic layers for overlapping mutations). Calling it twice, or on a patch that
    /// did not apply, does nothing. With optimistic layers pending, the patch replaced the base (the value under the
    /// layers): Undo restores that base value, the layers still pending are replayed over it, and adding or rolling back
    /// layers in between does not stop it.
    /// </summary>
    public void Undo() => _undo?.Invoke();
}
