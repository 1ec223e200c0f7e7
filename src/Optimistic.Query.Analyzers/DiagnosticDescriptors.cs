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

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md");
}
