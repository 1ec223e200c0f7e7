using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.CodeFixes.Common;

namespace Optimistic.Query.CodeFixes;

/// <summary>
/// OPT002: adds the rollback to the error callback, first thing, keeping what is already there (the error toast).
/// <list type="bullet">
/// <item>OnMutate returns a snapshot of the written key, <c>new S(x)</c> with <c>x</c> read from K (<c>Snapshot&lt;T&gt;</c>, an
/// app's record): the client's value write restores the property of S named as x's parameter,
/// <c>if (context?.Previous is { } previous) client.SetQueryData(K, previous);</c>, through a type pattern
/// (<c>context is S { Previous: { } previous }</c>) when the context is typed more loosely (<c>object?</c>).</item>
/// <item>OnMutate returns the <c>PatchResult&lt;T&gt;</c> of <c>UpdateQueryData(K, …)</c>: <c>context?.Undo();</c></item>
/// <item>OnMutate returns the <c>OptimisticLayer&lt;T&gt;</c> of <c>AddOptimisticLayer(K, …)</c>: <c>context?.Rollback();</c></item>
/// <item>otherwise: the client's invalidation of K, awaited when it returns a task. A new callback is
/// <c>OnErrorAsync = (error, variables, context) =&gt; client.InvalidateQueriesAsync(K)</c>; an existing synchronous <c>OnError</c>
/// becomes an async <c>OnErrorAsync</c> that awaits it (no Task dropped, see OPT012).</item>
/// </list>
/// The write and the invalidation are found by role on the client's type (attributes or the third-party map,
/// <see cref="CacheCallTemplate"/>); the error callbacks, their async-ness and parameter lists come from the options type's
/// delegates, the context parameter found by type (<see cref="CallbackContext"/>), so a library's trailing argument
/// (<c>MutationContext</c>) is neither taken for the context nor lost: a client reached through it in OnMutate is written
/// through the error callback's parameter of that type. A missing callback is added right after the OnMutate member, in the
/// initializer's layout. Parameter and pattern names avoid every name in scope; the variables parameter reuses OnMutate's,
/// so that a key built from it reads the same. A key built from OnMutate's locals is written with their initializers
/// (<c>var key = Keys.Todo(input.Id);</c> gives <c>Keys.Todo(input.Id)</c>; see <see cref="LocalInliner"/>). No fix when such a
/// local would not recompute the same value in the error callback (the undo and the layer rollback need no key), when
/// OnMutate is not a lambda or a readable method, when an invalidation would have to go into a non-async block that returns a
/// Task or into a synchronous-only error callback, or when a new error callback of the needed async-ness does not exist (a
/// rollback without await in a library whose only error callback returns a task is a non-async lambda ending in
/// <c>return Task.CompletedTask;</c>). A patch or layer handle returned into an untyped context is read with a type pattern
/// (see the Handle part of this class).
/// An error callback written as a method group or local function is extended in place or wrapped (see the ErrorFunction
/// part of this class).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRollbackCodeFixProvider)), Shared]
public sealed partial class AddRollbackCodeFixProvider : DocumentRewriteCodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string Key = "OPT002.AddRollback";

    /// <summary>The fix of OPT002.</summary>
    public AddRollbackCodeFixProvider()
        : base("OPT002", Key)
    {
    }

    private enum RollbackKind
    {
        Restore,
        Undo,
        RemoveLayer,
        Invalidate,
    }

    private protected override FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        PlanCore(root, model, diagnostic, null, null, cancellationToken);

    private protected override async System.Threading.Tasks.Task<FixPlan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // OnMutate written as a method group or local function: the fix reads its body (the key, the context it returns). It is
        // an initializer member's value, or a callback argument's of a mutation_arguments call (UseMutation(mutationFn, onMutate: Prepare)).
        var onMutateMember = MutationSyntax.EnclosingMember(DiagnosticSyntax.NodeAt(root, diagnostic.Location));
        var arguments = onMutateMember is null
            ? ArgumentCallbacks.Of(model, MutationAnalysisContext.Get(model.Compilation, document.Project.AnalyzerOptions), ArgumentCallbacks.EnclosingArgument(DiagnosticSyntax.NodeAt(root, diagnostic.Location)), cancellationToken)
            : null;
        var onMutateValue = onMutateMember?.Right ?? (arguments is null ? null : ArgumentCallbacks.EnclosingArgument(DiagnosticSyntax.NodeAt(root, diagnostic.Location))?.Expression);
        CallbackFunction? function = null;
        if (onMutateValue is not null and not AnonymousFunctionExpressionSyntax)
        {
            function = await CallbackFunction.ResolveAsync(document, model, onMutateValue, cancellationToken, forEdit: false).ConfigureAwait(false);
            if (function is null) return null;
        }

        // OnError written as a method group or local function: extended in place when this callback alone uses it.
        var errorValue = onMutateMember?.Parent is InitializerExpressionSyntax initializer
            ? (MutationSyntax.FindMember(initializer, "OnError") ?? MutationSyntax.FindMember(initializer, "OnErrorAsync"))?.Right
            : arguments is null ? null : ErrorMembers(arguments.Roles).Select(arguments.Find).FirstOrDefault(argument => argument is not null)?.Expression;
        var errorFunction = errorValue is not null and not AnonymousFunctionExpressionSyntax
            ? await CallbackFunction.ResolveAsync(document, model, errorValue, cancellationToken).ConfigureAwait(false)
            : null;
        return PlanCore(root, model, diagnostic, document.Project.AnalyzerOptions, function, cancellationToken, errorFunction);
    }

    private static FixPlan? PlanCore(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, AnalyzerOptions? options, CallbackFunction? function, CancellationToken cancellationToken, CallbackFunction? errorFunction = null)
    {
        var context = options is null ? MutationAnalysisContext.Existing(model.Compilation) : MutationAnalysisContext.Get(model.Compilation, options);
        if (context is null) return null;
        var onMutateMember = MutationSyntax.EnclosingMember(DiagnosticSyntax.NodeAt(root, diagnostic.Location));
        var arguments = onMutateMember is null ? ArgumentCallbacks.Of(model, context, ArgumentCallbacks.EnclosingArgument(DiagnosticSyntax.NodeAt(root, diagnostic.Location)), cancellationToken) : null;
        if (onMutateMember is null && arguments is null) return null;
        var onMutateArgument = arguments is null ? null : ArgumentCallbacks.EnclosingArgument(DiagnosticSyntax.NodeAt(root, diagnostic.Location));
        SyntaxNode onMutate;
        IReadOnlyList<ParameterSyntax> onMutateParameters;
        if (arguments is not null)
        {
            // OnMutate as an argument of a mutation_arguments call (ArgumentCallbacks): its lambda, or the method it names.
            if (onMutateArgument!.Expression is AnonymousFunctionExpressionSyntax argumentLambda && Lambdas.IsEditable(argumentLambda))
            {
                onMutate = argumentLambda;
                onMutateParameters = Lambdas.Parameters(argumentLambda);
            }
            else if (function is not null && onMutateArgument.Expression is not AnonymousFunctionExpressionSyntax)
            {
                onMutate = function.Declaration;
                onMutateParameters = function.Parameters;
            }
            else
            {
                return null;
            }
        }
        else if (function is not null)
        {
            onMutate = function.Declaration;
            onMutateParameters = function.Parameters;
        }
        else if (MutationSyntax.LambdaOf(onMutateMember) is { } lambda)
        {
            onMutate = lambda;
            onMutateParameters = Lambdas.Parameters(lambda);
        }
        else
        {
            return null;
        }

        // The callbacks by role, through the attributes or the third-party map: the OnMutate the analyzer flagged, the options
        // type's error callbacks (sync or async by their delegate type), the context OnMutate's delegate returns.
        var onMutateName = arguments is not null ? arguments.MemberOf(onMutateArgument!) : MutationSyntax.MemberName(onMutateMember!);
        if (onMutateName is null || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.CallbackProperty, out var flagged) || flagged != onMutateName) return null;
        var initializer = onMutateMember?.Parent as InitializerExpressionSyntax;
        SyntaxNode definition = (SyntaxNode?)initializer ?? arguments!.Call.ArgumentList;
        var optionsType = initializer is null ? null : MutationSyntax.OptionsType(model, initializer, cancellationToken);
        if ((arguments?.Roles ?? context.GetOptionsType(optionsType)) is not { } roles) return null;
        if ((arguments is not null ? arguments.ContextType(onMutateName) : CallbackShape.ContextType(model, onMutateMember!, cancellationToken)) is not { } contextType) return null;

        // The written key and its client, from the write the analyzer flagged.
        var keyNode = DiagnosticSyntax.AdditionalNode(root, diagnostic, 0);
        if (keyNode is ArgumentSyntax argument) keyNode = argument.Expression;
        if (keyNode is not ExpressionSyntax key || !onMutate.Span.Contains(key.Span)) return null;
        var write = key.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault(); // the write holding the key (a key may be a call itself)
        if (write?.Expression is not MemberAccessExpressionSyntax { Expression: { } receiver }) return null;
        var receiverType = model.GetTypeInfo(receiver, cancellationToken).Type;

        var kind = RollbackKind.Invalidate;
        var rollback = new RollbackCalls(contextType);
        if (SnapshotOf(model, context, onMutate, key, cancellationToken) is { } snapshot
            && CacheCallTemplate.FindValueWrite(context, receiverType) is { IsAwaitable: false } restore)
        {
            kind = RollbackKind.Restore;
            rollback.Snapshot = snapshot;
            rollback.Call = restore;
        }
        else if (IsQueryType(contextType, "PatchResult") && ReturnsPatchOf(model, onMutate, key, cancellationToken))
        {
            kind = RollbackKind.Undo;
        }
        else if (IsQueryType(contextType, "OptimisticLayer") && ReturnsLayerOf(model, onMutate, key, cancellationToken))
        {
            kind = RollbackKind.RemoveLayer;
        }
        else if (HandleOf(model, context, onMutate, key, cancellationToken) is { } handle
                 && (contextType.SpecialType == SpecialType.System_Object || SymbolEqualityComparer.Default.Equals(contextType, handle.Type)))
        {
            // A patch or layer handle through an untyped context (or a mapped library's own handle type).
            kind = handle.Kind;
            rollback.Handle = handle;
        }
        else if (CacheCallTemplate.Find(context, receiverType, CacheOperationKind.Invalidate) is { } invalidate)
        {
            rollback.Call = invalidate;
        }
        else
        {
            return null;
        }

        // The key and client must be writable in the error callback: OnMutate's parameter gets renamed, its locals inlined, and
        // another of its parameters (a library's MutationContext holding the client) becomes the error callback's of that type.
        var onMutateParameter = onMutateParameters.FirstOrDefault();
        var onMutateParameterSymbol = onMutateParameter is null ? null : model.GetDeclaredSymbol(onMutateParameter, cancellationToken);
        var otherParameters = onMutateParameters.Skip(1).Select(parameter => model.GetDeclaredSymbol(parameter, cancellationToken)).OfType<IParameterSymbol>().ToList();
        IEnumerable<string> inlinedIdentifiers = System.Array.Empty<string>();
        // A key (or client) built from OnMutate's locals is rewritten with their initializers, when they recompute the same value.
        var keyUsesParameter = false;
        if (!IsContextOnly(kind))
        {
            var sameName = onMutateParameter?.Identifier.ValueText ?? string.Empty;
            var sameNames = otherParameters.ToDictionary<IParameterSymbol, IParameterSymbol, string>(parameter => parameter, parameter => parameter.Name, SymbolEqualityComparer.Default);
            if (LocalInliner.Inline(model, onMutate, key, onMutateParameterSymbol, sameName, cancellationToken, out keyUsesParameter) is not { } inlinedKey
                || LocalInliner.Inline(model, onMutate, receiver, onMutateParameterSymbol, sameName, cancellationToken, out _, sameNames) is not { } inlinedReceiver)
            {
                return null;
            }

            inlinedIdentifiers = Lambdas.IdentifiersIn(inlinedKey).Concat(Lambdas.IdentifiersIn(inlinedReceiver)).ToList();
        }

        // Names already in use where the callback goes.
        var taken = new HashSet<string>(model.LookupSymbols(definition.SpanStart)
            .Where(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable)
            .Select(symbol => symbol.Name));
        taken.UnionWith(Lambdas.IdentifiersIn(key));
        taken.UnionWith(Lambdas.IdentifiersIn(receiver));
        taken.UnionWith(inlinedIdentifiers);

        var awaits = kind == RollbackKind.Invalidate && rollback.Call!.IsAwaitable;
        var errorMember = ErrorMembers(roles).Select(name => arguments is not null ? arguments.Find(name) : (SyntaxNode?)MutationSyntax.FindMember(initializer!, name)).FirstOrDefault(member => member is not null);
        string variablesName;
        string contextName;
        AnonymousFunctionExpressionSyntax? errorLambda = null;
        if (errorMember is null)
        {
            // A new error callback: sync when the rollback needs no await, in the delegate's own parameter list.
            var newProperty = ErrorMembers(roles).FirstOrDefault(name => roles.IsAsync(name) == awaits);
            string? completion = null;
            if (newProperty is null && !awaits)
            {
                // The library's only error callback is asynchronous: a non-async lambda that returns a completed task.
                newProperty = ErrorMembers(roles).FirstOrDefault(roles.IsAsync);
                completion = newProperty is null ? null : CompletedTaskReturn(roles.DelegateType(newProperty), model, definition.SpanStart);
                if (completion is null) return null;
            }

            if (newProperty is null || (arguments is not null ? (arguments.CanAdd(newProperty) ? arguments.Shape(newProperty) : null) : CallbackShape.Parameters(optionsType, newProperty)) is not { } shape) return null;
            var variablesIndex = CallbackShape.VariablesIndex(shape);
            if (variablesIndex < 0) variablesIndex = shape.Count - 2;
            var contextIndex = CallbackContext.DelegateIndex(roles, newProperty);
            if (variablesIndex < 0 || contextIndex < 0 || contextIndex == variablesIndex) return null;
            var preferred = onMutateParameter is { Identifier.ValueText: { } name } && name != "_" ? name : "variables";
            taken.Remove(preferred);
            variablesName = Lambdas.UniqueName(preferred, taken);
            taken.Add(variablesName);
            var names = CallbackShape.Names(shape, variablesIndex, variablesName, contextIndex, taken);
            contextName = names[contextIndex];
            var code = Code(kind, rollback, contextName, "previous", taken, onMutate, receiver, key, onMutateParameterSymbol, variablesName, ByType(otherParameters, shape, names), model, definition.SpanStart, cancellationToken);
            if (code is null) return null;
            return new RollbackPlan(Title(kind, key, adding: true), definition, (SyntaxNode?)onMutateMember ?? onMutateArgument!, null, kind, code, "(" + string.Join(", ", names) + ")", variablesName, contextName)
            {
                NewMemberName = arguments is not null ? arguments.ParameterFor(newProperty)!.Name : newProperty,
                Awaits = awaits,
                Completion = completion,
            };
        }

        errorLambda = errorMember is ArgumentSyntax { Expression: AnonymousFunctionExpressionSyntax errorArgumentLambda } && Lambdas.IsEditable(errorArgumentLambda)
            ? errorArgumentLambda
            : MutationSyntax.LambdaOf(errorMember as AssignmentExpressionSyntax);
        if (errorLambda is null && errorMember is ArgumentSyntax errorFunctionArgument)
        {
            // An error argument naming a method or local function only this callback uses: extended in place.
            return errorFunction is null
                ? null
                : PlanArgumentErrorFunction(model, kind, rollback, awaits, arguments!, errorFunctionArgument, errorFunction, onMutate, onMutateParameterSymbol, otherParameters, receiver, key, keyUsesParameter, taken, cancellationToken);
        }

        if (errorLambda is null)
        {
            if (otherParameters.Count > 0 || initializer is null) return null; // a library's own OnMutate argument: not carried into a wrapper or a method
            var site = new ErrorSite(model, kind, initializer, onMutateMember!, (AssignmentExpressionSyntax)errorMember, onMutate, onMutateParameter, onMutateParameterSymbol, receiver, key, keyUsesParameter, optionsType!, taken)
            {
                Rollback = rollback,
                Awaits = awaits,
            };
            // Extended in place where that is sound, else wrapped (a name the method does not see, a Task it returns from a block).
            return (errorFunction is not null ? PlanErrorFunction(site, errorFunction, cancellationToken) : null) ?? PlanErrorWrapper(site, cancellationToken);
        }

        var errorName = errorMember is ArgumentSyntax errorArgument ? arguments!.MemberOf(errorArgument)! : MutationSyntax.MemberName((AssignmentExpressionSyntax)errorMember);
        var parameters = Lambdas.Parameters(errorLambda);
        if ((arguments is not null ? arguments.Shape(errorName) : CallbackShape.Parameters(optionsType, errorName)) is not { } errorShape || errorShape.Count != parameters.Count) return null;
        var errorVariables = CallbackShape.VariablesIndex(errorShape);
        if (errorVariables < 0) errorVariables = parameters.Count - 2;
        var errorContext = CallbackContext.DelegateIndex(roles, errorName);
        if (errorVariables < 0 || errorContext < 0 || errorContext == errorVariables) return null;
        variablesName = parameters[errorVariables].Identifier.ValueText;
        contextName = parameters[errorContext].Identifier.ValueText;
        if (contextName == "_" || (!IsContextOnly(kind) && keyUsesParameter && variablesName == "_")) return null;
        var errorParameterNames = ByType(otherParameters, errorShape, parameters.Select(parameter => parameter.Identifier.ValueText).ToList());

        var isAsyncTwin = roles.IsAsync(errorName);
        string? asyncTwin = null;
        if (awaits)
        {
            asyncTwin = isAsyncTwin ? null : roles.TwinOf(errorName, CallbackPhase.Error);
            if (!isAsyncTwin && (asyncTwin is null || Lambdas.IsAsync(errorLambda))) return null;
            if (!isAsyncTwin && (arguments is not null ? !arguments.CanAdd(asyncTwin!) || ((ArgumentSyntax)errorMember).NameColon is null : MutationSyntax.FindMember(initializer!, asyncTwin!) is not null)) return null;
            if (!isAsyncTwin && arguments is not null) asyncTwin = arguments.ParameterFor(asyncTwin!)!.Name; // the argument is renamed to the twin's parameter
            if (isAsyncTwin && !Lambdas.IsAsync(errorLambda) && errorLambda.Block is not null) return null;
        }

        taken.UnionWith(Lambdas.DeclaredNamesIn(errorLambda));
        taken.UnionWith(Lambdas.IdentifiersIn(errorLambda));
        var statement = Code(kind, rollback, contextName, "previous", taken, onMutate, receiver, key, onMutateParameterSymbol, variablesName, errorParameterNames, model, errorLambda.SpanStart, cancellationToken);
        if (statement is null) return null;
        return new RollbackPlan(Title(kind, key, adding: false), definition, (SyntaxNode?)onMutateMember ?? onMutateArgument!, errorMember, kind, statement, null, variablesName, contextName)
        {
            ErrorLambda = errorLambda,
            ErrorIsAsyncTwin = isAsyncTwin,
            NewMemberName = asyncTwin,
            Awaits = awaits,
        };
    }

    /// <summary>The error-phase members of the options type, the synchronous first (a rollback that needs no await goes there).</summary>
    private static IEnumerable<string> ErrorMembers(MutationOptionsType roles) =>
        roles.Members.Where(pair => pair.Value == CallbackPhase.Error).Select(pair => pair.Key).OrderBy(roles.IsAsync).ThenBy(name => name, System.StringComparer.Ordinal);

    /// <summary>
    /// OnMutate's parameters after the variables (a library's <c>MutationContext</c>), each named as the error callback's
    /// parameter of the same type; one without such a parameter is left out (a key or client using it is not written there).
    /// </summary>
    private static Dictionary<IParameterSymbol, string> ByType(IReadOnlyList<IParameterSymbol> onMutateParameters, IReadOnlyList<IParameterSymbol> errorShape, IReadOnlyList<string> errorNames) =>
        CallbackShape.ByType(onMutateParameters, errorShape, errorNames);

    private static string Title(RollbackKind kind, ExpressionSyntax key, bool adding) =>
        kind switch
        {
            RollbackKind.Restore => adding ? "Add OnError restoring the snapshot from the context" : "Restore the snapshot from the context in OnError",
            RollbackKind.Undo => adding ? "Add OnError undoing the patch" : "Undo the patch in OnError",
            RollbackKind.RemoveLayer => adding ? "Add OnError rolling the layer back" : "Roll the layer back in OnError",
            _ => "Invalidate " + key.WithoutTrivia().ToFullString() + " on error",
        };

    /// <summary>
    /// The rollback statement (for Invalidate: the call's expression, without <c>await</c> and <c>;</c>); null when the key or
    /// client cannot be written in the error callback.
    /// </summary>
    private static string? Code(
        RollbackKind kind,
        RollbackCalls rollback,
        string contextName,
        string previousPreferred,
        HashSet<string> taken,
        SyntaxNode onMutate,
        ExpressionSyntax receiver,
        ExpressionSyntax key,
        IParameterSymbol? onMutateParameter,
        string variablesName,
        IReadOnlyDictionary<IParameterSymbol, string> parameterNames,
        SemanticModel model,
        int position,
        CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case RollbackKind.Undo or RollbackKind.RemoveLayer when rollback.Handle is { } handle:
                return HandleCode(handle, rollback.ContextType, contextName, taken, model, position);
            case RollbackKind.Undo:
                return $"{contextName}?.Undo();";
            case RollbackKind.RemoveLayer:
                return $"{contextName}?.Rollback();";
        }

        if (LocalInliner.Inline(model, onMutate, receiver, onMutateParameter, variablesName, cancellationToken, out _, parameterNames) is not { } client
            || LocalInliner.Inline(model, onMutate, key, onMutateParameter, variablesName, cancellationToken, out _, parameterNames) is not { } inlinedKey)
        {
            return null;
        }

        var clientText = MutationSyntax.ReceiverText(client);
        var keyText = inlinedKey.WithoutTrivia().ToFullString();
        if (kind != RollbackKind.Restore || rollback.Snapshot is not { } snapshot) return rollback.Call!.Expression(clientText, keyText, model, position);

        // The snapshot's member, through the context as typed (Snapshot<T>), or a type pattern when the context is untyped (object?).
        var previousName = Lambdas.UniqueName(previousPreferred, taken);
        var condition = SymbolEqualityComparer.Default.Equals(rollback.ContextType, snapshot.Type)
            ? $"{contextName}{(snapshot.Type.IsReferenceType ? "?." : ".")}{snapshot.Member} is {{ }} {previousName}"
            : $"{contextName} is {snapshot.Type.ToMinimalDisplayString(model, position)} {{ {snapshot.Member}: {{ }} {previousName} }}";
        return $"if ({condition}) {rollback.Call!.Expression(clientText, keyText, model, position, previousName)};";
    }

    /// <summary>
    /// What OnMutate returns as its context when it is a snapshot of the written key: every return creates the same type with
    /// an argument read from that key (a read by role, directly or through a local), and the type has a property named as that
    /// argument's parameter (<c>Snapshot&lt;T&gt;(T? Previous)</c>, an app's <c>record Snapshot(Todo? Previous)</c>).
    /// </summary>
    private static SnapshotShape? SnapshotOf(SemanticModel model, MutationAnalysisContext context, SyntaxNode onMutate, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        SnapshotShape? found = null;
        foreach (var value in ReturnedExpressions(onMutate))
        {
            if (value is not BaseObjectCreationExpressionSyntax creation
                || model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation { Type: { } type } operation)
            {
                return null;
            }

            string? member = null;
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.Value.Syntax is not ExpressionSyntax argumentValue) continue;
                if (!IsReadOf(model, context, onMutate, argumentValue, key, cancellationToken)) continue;
                member = PropertyNamed(type, parameter.Name);
                break;
            }

            if (member is null) return null;
            if (found is not null && (!SymbolEqualityComparer.Default.Equals(found.Type, type) || found.Member != member)) return null;
            found = new SnapshotShape(type, member);
        }

        return found;
    }

    /// <summary>Whether <paramref name="value"/> reads <paramref name="key"/> by role (or is a local of OnMutate initialized so).</summary>
    private static bool IsReadOf(SemanticModel model, MutationAnalysisContext context, SyntaxNode onMutate, ExpressionSyntax value, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        if (value is IdentifierNameSyntax identifier
            && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
            && onMutate.Span.Contains(declarator.Span))
        {
            value = initial;
        }

        if (value is not InvocationExpressionSyntax invocation || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call) return false;
        var role = context.GetRole(call.TargetMethod);
        if (role.Kind != CacheOperationKind.Read) return false;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Ordinal == role.KeyParameterOrdinal && argument.Value.Syntax is ExpressionSyntax read) return SyntaxFactory.AreEquivalent(read, key);
        }

        return false;
    }

    /// <summary>The instance property of <paramref name="type"/> (or a base) named as <paramref name="parameter"/>, ignoring case.</summary>
    private static string? PropertyNamed(ITypeSymbol type, string parameter)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, GetMethod: not null, Parameters.Length: 0 } property
                    && string.Equals(property.Name, parameter, System.StringComparison.OrdinalIgnoreCase))
                {
                    return property.Name;
                }
            }
        }

        return null;
    }

    private static bool IsQueryType(ITypeSymbol type, string name) =>
        type is INamedTypeSymbol { Name: { } typeName, TypeArguments.Length: 1, ContainingNamespace: { Name: "Query", ContainingNamespace: { Name: "Optimistic", ContainingNamespace.IsGlobalNamespace: true } } }
        && typeName == name;

    /// <summary>Every return of OnMutate is the <c>UpdateQueryData(K, …)</c> result (directly or through a local).</summary>
    private static bool ReturnsPatchOf(SemanticModel model, SyntaxNode lambda, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        var returned = ReturnedExpressions(lambda).ToList();
        return returned.Count > 0 && returned.All(value => IsCallOnKey(model, lambda, value, "UpdateQueryData", key, cancellationToken));
    }

    /// <summary>Every return of OnMutate is the <c>OptimisticLayer&lt;T&gt;</c> of <c>AddOptimisticLayer(K, …)</c>.</summary>
    private static bool ReturnsLayerOf(SemanticModel model, SyntaxNode lambda, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        var returned = ReturnedExpressions(lambda).ToList();
        return returned.Count > 0 && returned.All(value => IsCallOnKey(model, lambda, value, "AddOptimisticLayer", key, cancellationToken));
    }

    /// <summary>A rollback through the context alone (no key, no client): <c>Undo()</c>, <c>Rollback()</c>.</summary>
    private static bool IsContextOnly(RollbackKind kind) => kind is RollbackKind.Undo or RollbackKind.RemoveLayer;

    private static IEnumerable<ExpressionSyntax> ReturnedExpressions(SyntaxNode function)
    {
        var (block, expressionBody) = function switch
        {
            AnonymousFunctionExpressionSyntax lambda => (lambda.Block, lambda.ExpressionBody),
            MethodDeclarationSyntax method => (method.Body, method.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            _ => (null, null),
        };
        if (expressionBody is { } body)
        {
            yield return body;
            yield break;
        }

        if (block is null) yield break;
        foreach (var statement in block.DescendantNodes(node => node is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax).OfType<ReturnStatementSyntax>())
        {
            if (statement.Expression is { } expression) yield return expression;
        }
    }

    /// <summary>Whether <paramref name="value"/> is a call of <paramref name="method"/> on <paramref name="key"/>, or a local initialized with one.</summary>
    private static bool IsCallOnKey(SemanticModel model, SyntaxNode lambda, ExpressionSyntax value, string method, ExpressionSyntax key, CancellationToken cancellationToken)
    {
        if (value is IdentifierNameSyntax identifier
            && model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
            && lambda.Span.Contains(declarator.Span))
        {
            value = initial;
        }

        return value is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: { } name }, ArgumentList.Arguments: { Count: > 0 } arguments }
               && name == method
               && SyntaxFactory.AreEquivalent(arguments[0].Expression, key);
    }

    private protected override SyntaxNode? Apply(SyntaxNode root, SemanticModel model, IReadOnlyList<FixPlan> plans, CancellationToken cancellationToken)
    {
        var layout = Layout.Of(root);
        var byInitializer = plans.OfType<RollbackPlan>().GroupBy(plan => plan.Initializer).ToDictionary(group => group.Key, group => group.First());
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (var pair in byInitializer) replacements[pair.Key] = pair.Key is InitializerExpressionSyntax initializer ? Rewrite(initializer, pair.Value, layout) : RewriteArguments((ArgumentListSyntax)pair.Key, pair.Value, layout);
        foreach (var plan in plans.OfType<ArgumentErrorFunctionPlan>())
        {
            if (!replacements.ContainsKey(plan.Function.Declaration)) replacements[plan.Function.Declaration] = plan.Declaration(model, layout);
        }

        foreach (var plan in plans.OfType<ErrorFunctionPlan>())
        {
            foreach (var pair in plan.Edit(model, layout, cancellationToken))
            {
                if (!replacements.ContainsKey(pair.Key)) replacements[pair.Key] = pair.Value;
            }
        }

        // Nested nodes (never expected: each definition's edits are disjoint) would be lost under their ancestor's replacement.
        var nodes = replacements.Keys.Where(node => !node.Ancestors().Any(replacements.ContainsKey)).ToList();
        return root.ReplaceNodes(nodes, (original, _) => replacements[original]);
    }

    private static InitializerExpressionSyntax Rewrite(InitializerExpressionSyntax initializer, RollbackPlan plan, Layout layout)
    {
        var onMutateMember = (AssignmentExpressionSyntax)plan.OnMutateMember;
        if (plan.ErrorMember is null)
        {
            var member = ((AssignmentExpressionSyntax)SyntaxFactory.ParseExpression($"{plan.NewMemberName} = x")).WithRight(NewErrorLambda(plan, layout, Layout.IndentationOf(onMutateMember.GetFirstToken())));
            return MutationSyntax.InsertMember(initializer, onMutateMember, member, layout);
        }

        var errorMember = (AssignmentExpressionSyntax)plan.ErrorMember;
        if (ExtendedErrorLambda(plan, layout, out var renamed) is not { } rewritten) return initializer;
        var newMember = renamed ? MutationSyntax.WithMemberName(errorMember, plan.NewMemberName!) : errorMember;
        return initializer.ReplaceNode(errorMember, newMember.WithRight(rewritten));
    }

    /// <summary>The new error callback's lambda: the restore in a block, else the rollback as its expression.</summary>
    private static ExpressionSyntax NewErrorLambda(RollbackPlan plan, Layout layout, string indentation)
    {
        var parameters = plan.ParameterList!;
        if (plan.Kind == RollbackKind.Restore || plan.Completion is not null || SyntaxFactory.ParseStatement(plan.Code) is not ExpressionStatementSyntax)
        {
            // A statement that is not an expression (an if), or a completed task to return: a block.
            var lambda = (AnonymousFunctionExpressionSyntax)SyntaxFactory.ParseExpression($"{parameters} => x");
            var code = plan.Kind == RollbackKind.Invalidate ? plan.Code + ";" : plan.Code; // an invalidation's code is its call alone
            var statements = plan.Completion is null ? new[] { code } : new[] { code, plan.Completion };
            var block = layout.Block(statements.Select(statement => SyntaxFactory.ParseStatement(statement)), indentation);
            return Lambdas.WithBlock(lambda, block, layout.EndOfLineTrivia);
        }

        var body = IsContextOnly(plan.Kind) ? plan.Code.TrimEnd(';') : plan.Code;
        return SyntaxFactory.ParseExpression($"{parameters} => {body}");
    }

    /// <summary>The existing error lambda with the rollback first; <paramref name="renamed"/>: it becomes the async twin. Null: unchanged.</summary>
    private static AnonymousFunctionExpressionSyntax? ExtendedErrorLambda(RollbackPlan plan, Layout layout, out bool renamed)
    {
        renamed = false;
        var errorLambda = plan.ErrorLambda!;
        var memberIndentation = Layout.IndentationOf(plan.ErrorMember!.GetFirstToken());
        var toAsync = plan.Awaits && !Lambdas.IsAsync(errorLambda);
        var statement = plan.Kind == RollbackKind.Invalidate ? (plan.Awaits ? "await " : string.Empty) + plan.Code + ";" : plan.Code;

        AnonymousFunctionExpressionSyntax rewritten;
        if (errorLambda.Block is { } existingBlock)
        {
            rewritten = errorLambda.WithBlock(Lambdas.InsertStatements(existingBlock, 0, new[] { statement }, layout, memberIndentation));
        }
        else if (errorLambda.ExpressionBody is { } body)
        {
            // An async twin that is not async returns its expression's Task: await it once async, else return it.
            var returnsTask = plan.ErrorIsAsyncTwin && !Lambdas.IsAsync(errorLambda);
            var kept = returnsTask && toAsync ? SyntaxFactory.AwaitExpression(body.WithoutTrivia()).WithTriviaFrom(body) : body;
            rewritten = Lambdas.ExpressionToBlock(errorLambda, kept, returnsValue: returnsTask && !toAsync, new[] { statement }, Enumerable.Empty<string>(), layout, memberIndentation);
        }
        else
        {
            return null;
        }

        if (toAsync)
        {
            rewritten = Lambdas.MakeAsync(rewritten);
            renamed = !plan.ErrorIsAsyncTwin;
        }

        return rewritten;
    }

    private sealed class RollbackPlan : FixPlan
    {
        public RollbackPlan(
            string title,
            SyntaxNode initializer,
            SyntaxNode onMutateMember,
            SyntaxNode? errorMember,
            RollbackKind kind,
            string code,
            string? parameterList,
            string variablesName,
            string contextName)
            : base(title)
        {
            Initializer = initializer;
            OnMutateMember = onMutateMember;
            ErrorMember = errorMember;
            Kind = kind;
            Code = code;
            ParameterList = parameterList;
            VariablesName = variablesName;
            ContextName = contextName;
        }

        /// <summary>The options initializer, or the argument list of a mutation_arguments call (<see cref="ArgumentCallbacks"/>).</summary>
        public SyntaxNode Initializer { get; }

        /// <summary>OnMutate's initializer member or argument.</summary>
        public SyntaxNode OnMutateMember { get; }

        /// <summary>The error callback's initializer member or argument; null: a new one is added.</summary>
        public SyntaxNode? ErrorMember { get; }

        public AnonymousFunctionExpressionSyntax? ErrorLambda { get; set; }

        public bool ErrorIsAsyncTwin { get; set; }

        public RollbackKind Kind { get; }

        public string Code { get; }

        /// <summary>The parameter list of a new error callback, <c>(error, input, context)</c> or the library's own.</summary>
        public string? ParameterList { get; }

        /// <summary>The property of a new error callback, or the async twin an existing one becomes.</summary>
        public string? NewMemberName { get; set; }

        /// <summary>Whether the rollback is awaited (an invalidation returning a task).</summary>
        public bool Awaits { get; set; }

        /// <summary>The return ending a new non-async lambda of an asynchronous-only error callback (<c>return Task.CompletedTask;</c>).</summary>
        public string? Completion { get; set; }

        public string VariablesName { get; }

        public string ContextName { get; }
    }

    /// <summary>The snapshot OnMutate returns: its type and the member holding the previous value.</summary>
    private sealed class SnapshotShape
    {
        public SnapshotShape(ITypeSymbol type, string member)
        {
            Type = type;
            Member = member;
        }

        public ITypeSymbol Type { get; }

        public string Member { get; }
    }

    /// <summary>The calls a rollback makes, found by role on the client's type (the attributes' or the third-party map's).</summary>
    private sealed class RollbackCalls
    {
        public RollbackCalls(ITypeSymbol contextType) => ContextType = contextType;

        /// <summary>The context's type as the error callback receives it.</summary>
        public ITypeSymbol ContextType { get; }

        /// <summary>For Restore: the snapshot read back.</summary>
        public SnapshotShape? Snapshot { get; set; }

        /// <summary>For Restore: the write of a value; for Invalidate: the invalidation by key.</summary>
        public CacheCallTemplate? Call { get; set; }

        /// <summary>For Undo and RemoveLayer through an untyped (or a mapped library's) context: the handle OnMutate returned.</summary>
        public RollbackHandle? Handle { get; set; }
    }
}
