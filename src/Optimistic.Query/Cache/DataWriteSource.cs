namespace Optimistic.Query.Cache;

/// <summary>Where a data write comes from; the single write path keeps it so optimistic layers can tell server truth from manual writes.</summary>
internal enum DataWriteSource
{
    /// <summary>SetQueryData or UpdateQueryData.</summary>
    Manual,

    /// <summary>PatchResult.Undo restoring the value a patch replaced.</summary>
    Undo,

    /// <summary>A fetch's result (server truth).</summary>
    Fetch,

    /// <summary>Hydration restoring persisted server truth (stamped with its persisted time, not now); a live fetch carries on.</summary>
    Hydrate,
}
