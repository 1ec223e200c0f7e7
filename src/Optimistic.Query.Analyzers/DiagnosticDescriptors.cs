using Microsoft.CodeAnalysis;

namespace Optimistic.Query.Analyzers;

/// <summary>
/// Every descriptor the analyzers report, in one place. IDs, titles and help links are public contract:
/// the rule pages (<c>rules/OPT00N.md</c>), the release tracking files and the code fixes key on them.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The category every rule shares.</summary>
    public const string Category = "Optimistic.Query.Usage";

    private const string HelpLinkBase = "https://github.com/optimistic-query/Optimistic.Query/blob/main/rules/";

    /// <summary>OPT001: a key the optimistic OnMutate writes is accessed before an awaited cancel covers it.</summary>
    public static readonly DiagnosticDescriptor OPT001_CancelBeforeOptimisticWrite = Create(
        "OPT001",
        "Cancel in-flight fetches before touching the optimistically written key",
        "'{0}' is accessed before an awaited cancel of its in-flight fetches; an in-flight refetch can overwrite the optimistic write",
        "An optimistic OnMutate must await CancelQueriesAsync for the key it writes before it reads (snapshots) or writes that key. "
        + "Otherwise a refetch already in flight can land after the optimistic write and silently overwrite it.");

    /// <summary>OPT002: the optimistic mutation has no rollback on error.</summary>
    public static readonly DiagnosticDescriptor OPT002_MissingRollback = Create(
        "OPT002",
        "Roll back the optimistic write on error",
        "The optimistic write of '{0}' is never rolled back: OnError neither restores the snapshot, undoes the patch, nor invalidates the key",
        "Every optimistic mutation can fail. OnError (or OnErrorAsync) must restore the snapshot returned by OnMutate, undo the patch, "
        + "or invalidate the written key; without it the cache keeps showing a change the server rejected.");

    /// <summary>OPT003: the snapshot is stored in shared state instead of returned as the context.</summary>
    public static readonly DiagnosticDescriptor OPT003_SnapshotStoredOutsideContext = Create(
        "OPT003",
        "Return the snapshot as the mutation context instead of storing it",
        "The snapshot '{0}' is stored in '{1}', which concurrent mutations share; return it from OnMutate as the context",
        "The snapshot taken in OnMutate must be returned as the mutation context and read back from OnError's context parameter. "
        + "A field, property or captured local is shared by concurrent mutations, which then roll back to each other's snapshots.");

    /// <summary>OPT004: a success toast in an optimistic mutation.</summary>
    public static readonly DiagnosticDescriptor OPT004_SuccessToastInOptimisticMutation = Create(
        "OPT004",
        "Do not show a success toast in an optimistic mutation",
        "Remove the success toast '{0}' from {1}: the optimistic update is already the feedback",
        "In an optimistic mutation the UI changed on the click; a success toast on top is noise and brings back the latency "
        + "the optimistic update hid. Keep error toasts.");

    /// <summary>OPT005: an optimistic create or delete.</summary>
    public static readonly DiagnosticDescriptor OPT005_OptimisticCreateOrDelete = Create(
        "OPT005",
        "Do not update the cache optimistically for a create or a delete",
        "This mutation looks like a {0} ({1}); do not update the cache optimistically, invalidate it in OnSettled instead",
        "Optimistic updates fit in-place changes. A create has no server-assigned id yet; a delete is irreversible and deserves a "
        + "confirmation moment. Remove the optimistic OnMutate and its rollback, and invalidate the query in OnSettled. "
        + "Detected from 'Kind = MutationKind.Create/Delete' (warning), or from the name of the method MutationFn invokes (suggestion).");

    /// <summary>OPT006: a key the optimistic OnMutate writes is not invalidated on both outcomes.</summary>
    public static readonly DiagnosticDescriptor OPT006_InvalidateInOnSettled = Create(
        "OPT006",
        "Invalidate the optimistically written key in OnSettled",
        "'{0}' is written optimistically but {1}; invalidate it in OnSettled so the cache reconciles with the server on success and on error",
        "An optimistic mutation must invalidate the key it wrote once the mutation settles, whatever the outcome: on success to pull "
        + "server-computed fields the patch did not know, on error so the restored snapshot does not itself go stale. Invalidate it in "
        + "OnSettled (or in both OnSuccess and OnError). A prefix or tag invalidation that may cover the key counts.");

    /// <summary>OPT007: a step of the optimistic update uses a key provably different from the patched key.</summary>
    public static readonly DiagnosticDescriptor OPT007_MismatchedKey = Create(
        "OPT007",
        "Use the patched key for every step of the optimistic update",
        "The {0} uses '{1}', which is provably not '{2}', the key the optimistic update writes",
        "The cancel, the snapshot, the rollback and the invalidation must use the same key as the optimistic write (or, for a cancel or an "
        + "invalidation, a prefix of it). A step on another key protects, restores or refreshes the wrong cache entry.");

    /// <summary>OPT008: the snapshot is taken after the key was already written.</summary>
    public static readonly DiagnosticDescriptor OPT008_SnapshotAfterWrite = Create(
        "OPT008",
        "Take the snapshot before the optimistic write",
        "'{0}' is written here before its snapshot is taken; the snapshot would hold the optimistic value, not the one to roll back to",
        "OnMutate must snapshot the cache before it patches it: a snapshot read after the write holds the optimistic value, so the "
        + "rollback restores the change the server rejected.");

    /// <summary>OPT009: the snapshot is read as object or dynamic.</summary>
    public static readonly DiagnosticDescriptor OPT009_UntypedSnapshot = Create(
        "OPT009",
        "Read the snapshot with the query's type",
        "The snapshot of '{0}' is read as '{1}'; read it with the type the query holds",
        "Read the snapshot with the same type the query's loader uses (GetQueryData<TLoaderOutput>(key)), never object or dynamic: "
        + "the typed read lets the compiler check the patch and the rollback, and a type mismatch surfaces at the read.",
        DiagnosticSeverity.Info);

    /// <summary>OPT010: OnMutate writes several unrelated keys.</summary>
    public static readonly DiagnosticDescriptor OPT010_CascadeMutation = Create(
        "OPT010",
        "Do not update several queries optimistically in one mutation",
        "OnMutate also writes '{0}', another cache entry than '{1}'; an optimistic cascade multiplies the rollback surface",
        "The optimistic pattern tracks one snapshot of one query. A mutation that changes several cached queries at once (a cascade) "
        + "needs bespoke rollback: invalidate the other queries instead, or give each key its own layer.",
        DiagnosticSeverity.Info);

    /// <summary>OPT011: a query persister whose MaxAge is disabled or above the configured ceiling.</summary>
    public static readonly DiagnosticDescriptor OPT011_PersistedCacheMaxAge = Create(
        "OPT011",
        "Keep the persisted cache's MaxAge bounded",
        "MaxAge {0}: a user back after a long absence would be shown data that old as if it were current",
        "A persisted query cache is restored as if it were fresh until the first refetch lands. Without a bounded MaxAge (null, "
        + "TimeSpan.MaxValue, Timeout.InfiniteTimeSpan) or with one above the ceiling (7 days by default, "
        + "optimistic_query.OPT011.max_age_ceiling), a user returning after weeks sees weeks-old data. Keep MaxAge at a day or so, "
        + "and use the Buster to discard stores written by an older app version.");

    /// <summary>OPT012: a Task-returning call discarded in a synchronous callback.</summary>
    public static readonly DiagnosticDescriptor OPT012_TaskDiscardedInSyncCallback = Create(
        "OPT012",
        "Do not discard a task in a synchronous mutation callback",
        "The task returned by '{0}' is discarded: {1} is synchronous, so the mutation does not wait for it and its failure goes unobserved; use {2}",
        "A synchronous callback (OnSettled, OnSuccess, OnError, OnMutate) cannot await. A lambda such as 'OnSettled = (d, e, v, c) => "
        + "client.InvalidateQueriesAsync(k)' compiles against the synchronous twin and drops the task: the mutation settles before the "
        + "invalidation completes and its exceptions are lost. Use the ...Async twin and return or await the task.");

    /// <summary>OPT013: an entry of the third-party API map that the analyzers ignore.</summary>
    /// <remarks>
    /// Reported at the end of the compilation without a location (the global config is not a source file, and analyzers are not
    /// told its path): <c>CSC : warning OPT013</c> in the build, the project's row in the IDE's error list under full-solution
    /// analysis. Hence the <c>CompilationEnd</c> tag: the IDE never runs it on a keystroke.
    /// </remarks>
    public static readonly DiagnosticDescriptor OPT013_InvalidApiMapEntry = Create(
        "OPT013",
        "Fix the API map entry the analyzers cannot use",
        "'{0} = {1}' {2}; the analyzers ignore this entry",
        "An entry of the third-party API map (optimistic_query.api.* in the global analyzer config) that names no type, method, "
        + "property or parameter of the compilation, an unknown key, or a malformed value is ignored, and the checks it was meant to "
        + "enable are off without a word. Correct the entry against the library's documentation IDs.",
        DiagnosticSeverity.Warning,
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
        Create(id, title, messageFormat, description, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description, DiagnosticSeverity severity, params string[] customTags) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: customTags);
}
