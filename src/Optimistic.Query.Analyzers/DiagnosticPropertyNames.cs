namespace Optimistic.Query.Analyzers;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> and the order of
/// <see cref="Microsoft.CodeAnalysis.Diagnostic.AdditionalLocations"/>, per rule: what a code fix needs to know.
/// Boolean values are <c>"true"</c> or <c>"false"</c>; an absent key means "not applicable".
/// </summary>
/// <remarks>
/// <para><b>OPT001</b> (location: the first access of the key). Properties: <see cref="KeyText"/>,
/// <see cref="AccessKind"/> (Read/Write/Patch), <see cref="CallbackProperty"/> (OnMutate or OnMutateAsync),
/// <see cref="IsSyncCallback"/> (true: OnMutate must become OnMutateAsync), <see cref="CallbackForm"/>,
/// <see cref="ReceiverText"/> (the cache client's expression, absent when the access has no receiver).
/// Additional locations: [0] the key expression; [1] the callback value (lambda, method group) assigned to the property;
/// [2] the client receiver, when there is one.</para>
/// <para><b>OPT002</b> (location: the OnMutate/OnMutateAsync property name). Properties: <see cref="KeyText"/>,
/// <see cref="HasErrorCallback"/>, <see cref="ErrorCallbackProperty"/> (when present), <see cref="ErrorCallbackIsAsync"/>,
/// <see cref="SnapshotMember"/> (<c>Previous</c> when OnMutate returns <c>new Snapshot&lt;T&gt;(x)</c>),
/// <see cref="SnapshotType"/> (the T of that snapshot, minimally qualified), <see cref="ReceiverText"/> (client of the write).
/// Additional locations: [0] the key expression of the unrestored write; [1] the error callback's value, when present.</para>
/// <para><b>OPT003</b> (location: the assignment). Properties: <see cref="SnapshotText"/>, <see cref="TargetText"/>,
/// <see cref="HasErrorCallback"/>, <see cref="CallbackProperty"/>, <see cref="IsLayerHandle"/> (when the stored value is an
/// optimistic layer's handle rather than a snapshot: the fix does not apply), <see cref="IsPatchHandle"/> (when it is a patch's
/// result, <c>PatchResult&lt;T&gt;</c>).
/// Additional locations: [0] the stored value expression; [1] the assignment's target.</para>
/// <para><b>OPT004</b> (location: the toast invocation). Properties: <see cref="CallbackProperty"/>,
/// <see cref="IsOnlyStatement"/> (the call is the callback's whole body: empty the body instead of leaving it invalid).
/// Additional locations: [0] the callback value (lambda, method group).</para>
/// <para><b>OPT005</b> (location: the <c>Kind</c> property name, else the <c>MutationFn</c> property name, else the write that
/// adds or removes a collection element, or the OnMutate property name when that write is outside the definition).
/// Properties: <see cref="MutationKind"/> (Create or Delete), <see cref="DetectedBy"/> (Kind, Verb or Write),
/// <see cref="Verb"/> (for Verb), <see cref="HasSettledInvalidation"/>.
/// Additional locations: [0] the OnMutate/OnMutateAsync member assignment; then every OnError/OnErrorAsync member assignment
/// (the rollback the fix removes with the optimistic OnMutate).</para>
/// <para><b>OPT006</b> (location: the <c>OnSuccess</c> name when only OnSuccess invalidates, else the OnMutate name).
/// Properties: <see cref="KeyText"/>, <see cref="CallbackProperty"/> (OnMutate twin), <see cref="InvalidatedIn"/> (the one
/// callback that invalidates the key, when one does), <see cref="SettledCallbackProperty"/> (when set),
/// <see cref="SettledAsyncProperty"/> (the options type's OnSettledAsync), <see cref="ReceiverText"/>,
/// <see cref="InvalidateMethod"/> (a Task-returning key invalidation of the client). Additional locations: [0] the written key;
/// [1] the settled callback's value, when set (else the location is absent and [2], [3] shift down); [2] the OnSuccess member
/// assignment and [3] its invalidation call, when only OnSuccess invalidates.</para>
/// <para><b>OPT007</b> (location: the odd key argument). Properties: <see cref="Step"/> (cancel, snapshot, rollback,
/// invalidation), <see cref="PatchedKeyText"/>. Additional locations: [0] the patched key expression.</para>
/// <para><b>OPT008</b> (location: the write). Additional locations: [0] the later snapshot read; [1] the write.</para>
/// <para><b>OPT009</b> (location: the type argument). Properties: <see cref="KeyText"/>, <see cref="QueryType"/> (the type
/// the compilation shows for the key, minimally qualified at the location; absent when unknown).</para>
/// <para><b>OPT010</b> (location: the second key's write). Properties: <see cref="KeyText"/>, <see cref="PatchedKeyText"/>
/// (the first written key).</para>
/// <para><b>OPT012</b> (location: the discarded call). Properties: <see cref="CallbackProperty"/>, <see cref="CallbackForm"/>,
/// <see cref="AsyncTwin"/> (the …Async property, when the options type declares it and the definition does not set it).
/// Additional locations: [0] the callback value (lambda, method group).</para>
/// </remarks>
internal static class DiagnosticPropertyNames
{
    /// <summary>The text of the key expression.</summary>
    public const string KeyText = "KeyText";

    /// <summary>OPT001: Read, Write or Patch.</summary>
    public const string AccessKind = "AccessKind";

    /// <summary>The name of the callback property the diagnostic is about (OnMutate, OnSuccessAsync, …).</summary>
    public const string CallbackProperty = "CallbackProperty";

    /// <summary>Whether the callback is the synchronous twin.</summary>
    public const string IsSyncCallback = "IsSyncCallback";

    /// <summary>Lambda, MethodGroup or LocalFunction.</summary>
    public const string CallbackForm = "CallbackForm";

    /// <summary>The text of the cache client expression (the invocation's receiver).</summary>
    public const string ReceiverText = "ReceiverText";

    /// <summary>Whether the mutation definition sets an error callback.</summary>
    public const string HasErrorCallback = "HasErrorCallback";

    /// <summary>OnError or OnErrorAsync.</summary>
    public const string ErrorCallbackProperty = "ErrorCallbackProperty";

    /// <summary>Whether the error callback is the asynchronous twin.</summary>
    public const string ErrorCallbackIsAsync = "ErrorCallbackIsAsync";

    /// <summary>The context member holding the snapshot (<c>Previous</c>).</summary>
    public const string SnapshotMember = "SnapshotMember";

    /// <summary>The snapshot's data type, minimally qualified.</summary>
    public const string SnapshotType = "SnapshotType";

    /// <summary>OPT003: the text of the stored snapshot expression.</summary>
    public const string SnapshotText = "SnapshotText";

    /// <summary>"true" when the value OPT003 found stored is an optimistic layer's handle (<c>[QueryLayer]</c>), not a snapshot.</summary>
    public const string IsLayerHandle = "IsLayerHandle";

    /// <summary>"true" when the value OPT003 found stored is a patch's result (<c>[QueryPatch]</c>), whose <c>Undo()</c> is the rollback.</summary>
    public const string IsPatchHandle = "IsPatchHandle";

    /// <summary>OPT003: the text of the assignment's target.</summary>
    public const string TargetText = "TargetText";

    /// <summary>OPT004: whether the toast call is the callback's only statement.</summary>
    public const string IsOnlyStatement = "IsOnlyStatement";

    /// <summary>OPT005: Create or Delete.</summary>
    public const string MutationKind = "MutationKind";

    /// <summary>OPT005: Kind, Verb or Write.</summary>
    public const string DetectedBy = "DetectedBy";

    /// <summary>OPT005: the verb matched.</summary>
    public const string Verb = "Verb";

    /// <summary>OPT005: whether OnSettled already invalidates.</summary>
    public const string HasSettledInvalidation = "HasSettledInvalidation";

    /// <summary>OPT006: the one callback (OnSuccess…, OnError…) that invalidates the key, when one does.</summary>
    public const string InvalidatedIn = "InvalidatedIn";

    /// <summary>OPT006: the settled callback the definition sets (OnSettled or OnSettledAsync).</summary>
    public const string SettledCallbackProperty = "SettledCallbackProperty";

    /// <summary>OPT006: the asynchronous settled property of the options type (OnSettledAsync).</summary>
    public const string SettledAsyncProperty = "SettledAsyncProperty";

    /// <summary>OPT006: the name of the client's Task-returning invalidation by key (InvalidateQueriesAsync).</summary>
    public const string InvalidateMethod = "InvalidateMethod";

    /// <summary>OPT007: cancel, snapshot, rollback or invalidation.</summary>
    public const string Step = "Step";

    /// <summary>OPT007, OPT010: the text of the key the optimistic update writes (the first one).</summary>
    public const string PatchedKeyText = "PatchedKeyText";

    /// <summary>OPT009: the query's data type, minimally qualified at the diagnostic's location.</summary>
    public const string QueryType = "QueryType";

    /// <summary>OPT012: the asynchronous twin property to switch to.</summary>
    public const string AsyncTwin = "AsyncTwin";
}
