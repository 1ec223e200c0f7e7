namespace Optimistic.Query;

/// <summary>What a mutation does to the server's data. Optimistic creates and deletes are flagged by OPT005.</summary>
public enum MutationKind
{
    /// <summary>An in-place change of existing data (a toggle, an edit): the optimistic pattern fits.</summary>
    Update = 0,

    /// <summary>Creates data whose id the server assigns: prefer invalidation over an optimistic write.</summary>
    Create = 1,

    /// <summary>Deletes data: irreversible, so prefer a confirmation and invalidation over an optimistic write.</summary>
    Delete = 2,
}
