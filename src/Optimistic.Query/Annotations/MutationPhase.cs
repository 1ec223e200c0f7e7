namespace Optimistic.Query.Annotations;

/// <summary>The phase of a mutation's lifecycle in which a callback runs.</summary>
public enum MutationPhase
{
    /// <summary>Before the mutation function: cancel, snapshot, optimistic write; returns the context.</summary>
    Mutate = 0,

    /// <summary>After the mutation function succeeded.</summary>
    Success = 1,

    /// <summary>After the mutation function (or OnMutate) failed: the rollback.</summary>
    Error = 2,

    /// <summary>After success or error: reconcile with server truth.</summary>
    Settled = 3,
}
