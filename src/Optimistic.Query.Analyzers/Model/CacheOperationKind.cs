namespace Optimistic.Query.Analyzers.Model;

/// <summary>What an invocation inside a mutation callback does to the query cache (or to the user).</summary>
internal enum CacheOperationKind
{
    /// <summary>Any other invocation (kept so rules with configured method lists can match it).</summary>
    Other = 0,

    /// <summary>A <c>[QueryRead]</c> method: a snapshot source (<c>GetQueryData</c>).</summary>
    Read,

    /// <summary>A <c>[QueryWrite]</c> method (<c>SetQueryData</c>).</summary>
    Write,

    /// <summary>A <c>[QueryPatch]</c> method (<c>UpdateQueryData</c>).</summary>
    Patch,

    /// <summary>A <c>[QueryCancel]</c> method (<c>CancelQueriesAsync</c>).</summary>
    Cancel,

    /// <summary>A <c>[QueryInvalidate]</c> method, by key or by tags.</summary>
    Invalidate,

    /// <summary>A call to <c>Undo()</c> on the result type of a <c>[QueryPatch]</c> method.</summary>
    UndoPatch,

    /// <summary>A <c>[ToastSuccess]</c> method.</summary>
    ToastSuccess,

    /// <summary>A <c>[ToastError]</c> method.</summary>
    ToastError,

    /// <summary>A <c>[QueryLayer]</c> method (<c>AddOptimisticLayer</c>): a cache write recorded as a removable layer.</summary>
    Layer,

    /// <summary>A <c>[LayerRollback]</c> method (<c>OptimisticLayer.Rollback</c>): removes the layer a mutation added; a rollback like <see cref="UndoPatch"/>.</summary>
    RemoveLayer,

    /// <summary>A <c>[LayerCommit]</c> method (<c>OptimisticLayer.Commit</c>): folds the layer into the base; neither a rollback nor an invalidation.</summary>
    CommitLayer,
}
