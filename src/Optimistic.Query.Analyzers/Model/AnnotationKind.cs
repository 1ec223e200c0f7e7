namespace Optimistic.Query.Analyzers.Model;

/// <summary>The annotation attributes of <c>Optimistic.Query.Annotations</c>, matched by full name.</summary>
internal enum AnnotationKind
{
    QueryRead,
    QueryWrite,
    QueryPatch,
    QueryCancel,
    QueryInvalidate,
    QueryKeyArgument,
    MutationOptions,
    MutationFunction,
    MutationCallback,
    ToastSuccess,
    ToastError,
    MutationInvalidates,
    QueryLayer,
    LayerRollback,
    LayerCommit,
}

/// <summary>The phases of <c>Optimistic.Query.Annotations.MutationPhase</c> (same values), plus the mutation function.</summary>
internal enum CallbackPhase
{
    Mutate = 0,
    Success = 1,
    Error = 2,
    Settled = 3,

    /// <summary>The <c>[MutationFunction]</c> property (<c>MutationFn</c>).</summary>
    MutationFunction = 100,
}
