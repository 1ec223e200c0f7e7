using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Optimistic.Query.Analyzers.Model;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// A definition whose callbacks are the arguments of a mapped <c>mutation_arguments</c> method called without an options object
/// (<c>client.UseMutation&lt;TodoInput, int&gt;(mutationFn, onMutate: …, onError: …, onSettled: …)</c>): finding a callback
/// argument by its member's name, adding one as a named argument of the method's own optional parameter, removing an
/// optional one, renaming one to a twin parameter. The argument counterpart of <see cref="MutationSyntax"/>.
/// </summary>
internal sealed class ArgumentCallbacks
{
    private ArgumentCallbacks(InvocationExpressionSyntax call, IMethodSymbol method, MutationModel definition, MutationAnalysisContext context)
    {
        Call = call;
        Method = method;
        Definition = definition;
        Context = context;
    }

    /// <summary>The call of the <c>mutation_arguments</c> method.</summary>
    public InvocationExpressionSyntax Call { get; }

    /// <summary>The method called, as constructed at the call.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The analyzers' model of the call: one definition.</summary>
    public MutationModel Definition { get; }

    /// <summary>The members and their delegate types (the method's parameters'), as the rules read them.</summary>
    public MutationOptionsType Roles => Definition.OptionsType;

    private MutationAnalysisContext Context { get; }

    /// <summary>
    /// The callback argument of a call that holds <paramref name="node"/>: the nearest argument whose value is a lambda containing
    /// it (an argument of another call inside the lambda, <c>Clone(client.GetQueryData(…))</c>, is passed over), or whose name
    /// it is, or which it is; null when there is none or an initializer member is nearer (an options object's).
    /// </summary>
    public static ArgumentSyntax? EnclosingArgument(SyntaxNode? node)
    {
        SyntaxNode? previous = null;
        for (var current = node; current is not null; previous = current, current = current.Parent)
        {
            if (current is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } } argument
                && (argument.Expression is AnonymousFunctionExpressionSyntax || previous is NameColonSyntax || previous is null))
            {
                return argument;
            }

            if (current is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } or MemberDeclarationSyntax) return null;
        }

        return null;
    }

    /// <summary>The definition made by <paramref name="call"/>, when it calls a <c>mutation_arguments</c> method without options.</summary>
    public static ArgumentCallbacks? Of(SemanticModel model, MutationAnalysisContext? context, InvocationExpressionSyntax? call, CancellationToken cancellationToken)
    {
        if (context is null || call is null) return null;
        if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation) return null;
        if (context.GetArgumentsModel(invocation, cancellationToken) is not { } definition) return null;
        return new ArgumentCallbacks(call, invocation.TargetMethod, definition, context);
    }

    /// <summary>The definition of the call <paramref name="argument"/> is an argument of.</summary>
    public static ArgumentCallbacks? Of(SemanticModel model, MutationAnalysisContext? context, ArgumentSyntax? argument, CancellationToken cancellationToken) =>
        Of(model, context, argument?.Parent?.Parent as InvocationExpressionSyntax, cancellationToken);

    /// <summary>The parameter <paramref name="argument"/> (of this call) binds to.</summary>
    public IParameterSymbol? ParameterOf(ArgumentSyntax argument)
    {
        if (argument.NameColon is { } nameColon) return Method.Parameters.FirstOrDefault(parameter => parameter.Name == nameColon.Name.Identifier.ValueText);
        var index = Call.ArgumentList.Arguments.IndexOf(argument);
        return index >= 0 && index < Method.Parameters.Length && !Call.ArgumentList.Arguments.Take(index).Any(previous => previous.NameColon is not null)
            ? Method.Parameters[index]
            : null;
    }

    /// <summary>The mapped member <paramref name="argument"/> sets (<c>onMutate</c> → <c>OnMutate</c>), or null.</summary>
    public string? MemberOf(ArgumentSyntax argument) =>
        ParameterOf(argument) is { } parameter && Context.TryGetArgumentMember(Method, parameter, out _, out var member) ? member : null;

    /// <summary>The method's parameter that sets the member <paramref name="member"/>, or null.</summary>
    public IParameterSymbol? ParameterFor(string member) =>
        Method.Parameters.FirstOrDefault(parameter => Context.TryGetArgumentMember(Method, parameter, out _, out var mapped) && mapped == member);

    /// <summary>The argument setting <paramref name="member"/>, or null.</summary>
    public ArgumentSyntax? Find(string member) => Call.ArgumentList.Arguments.FirstOrDefault(argument => MemberOf(argument) == member);

    /// <summary>The delegate's parameters of <paramref name="member"/>'s parameter, as the method declares them (<c>TVariables</c> unsubstituted).</summary>
    public IReadOnlyList<IParameterSymbol>? Shape(string member) =>
        Roles.DelegateType(member) is { DelegateInvokeMethod: { } invoke } ? invoke.Parameters : null;

    /// <summary>Whether a named argument for <paramref name="member"/> may be added: the method has it as an optional parameter not yet given.</summary>
    public bool CanAdd(string member) => ParameterFor(member) is { IsOptional: true } && Find(member) is null;

    /// <summary>Whether <paramref name="argument"/> may be removed: its parameter is optional.</summary>
    public bool CanRemove(ArgumentSyntax argument) => ParameterOf(argument) is { IsOptional: true };

    /// <summary>
    /// The context type OnMutate's parameter returns (a task's result for an asynchronous one), as the call constructs it:
    /// <c>object?</c> for QwikQuery.
    /// </summary>
    public ITypeSymbol? ContextType(string onMutate)
    {
        if (ParameterFor(onMutate)?.Type is not INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: false } invoke }) return null;
        var returned = invoke.ReturnType;
        if (!OperationHelpers.IsAwaitable(returned)) return returned;
        return returned is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task ? task.TypeArguments[0] : null;
    }

    /// <summary>The argument list with <c>name: value</c> added last, on its own line at the arguments' indentation when they are on their own lines.</summary>
    public static ArgumentListSyntax AddNamed(ArgumentListSyntax list, string name, ExpressionSyntax value, Layout layout)
    {
        var arguments = list.Arguments;
        var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(name)).WithTrailingTrivia(SyntaxFactory.Space), default, value.WithoutLeadingTrivia());
        if (arguments.Count == 0) return list.WithArguments(SyntaxFactory.SingletonSeparatedList(argument));
        var last = arguments[arguments.Count - 1];
        var multiline = arguments.All(existing => Layout.StartsLine(existing.GetFirstToken()));
        var nodes = new List<ArgumentSyntax>(arguments);
        var separators = new List<SyntaxToken>(arguments.GetSeparators());
        var trailing = last.GetTrailingTrivia();
        nodes[nodes.Count - 1] = last.WithTrailingTrivia(SyntaxTriviaList.Empty);
        separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? SyntaxFactory.TriviaList(layout.EndOfLineTrivia) : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        nodes.Add(argument.WithLeadingTrivia(multiline ? SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(Layout.IndentationOf(last.GetFirstToken()))) : SyntaxTriviaList.Empty).WithTrailingTrivia(trailing));
        return list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators));
    }

    /// <summary>The argument list without <paramref name="argument"/> and its line (with the comma before it; after it when it is first).</summary>
    public static ArgumentListSyntax Remove(ArgumentListSyntax list, ArgumentSyntax argument)
    {
        var arguments = list.Arguments;
        var index = arguments.IndexOf(argument);
        if (index < 0) return list;
        var nodes = new List<ArgumentSyntax>(arguments);
        var separators = new List<SyntaxToken>(arguments.GetSeparators());
        if (index > 0)
        {
            // The comma before it goes; the previous argument keeps the removed one's trailing trivia (the line break, or none before `)`).
            nodes[index - 1] = nodes[index - 1].WithTrailingTrivia(argument.GetTrailingTrivia());
            separators.RemoveAt(index - 1);
        }
        else if (separators.Count > 0)
        {
            nodes[1] = nodes[1].WithLeadingTrivia(argument.GetLeadingTrivia());
            separators.RemoveAt(0);
        }

        nodes.RemoveAt(index);
        return list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators));
    }

    /// <summary>The argument named <paramref name="name"/> instead (a twin parameter), its trivia kept.</summary>
    public static ArgumentSyntax Rename(ArgumentSyntax argument, string name)
    {
        var identifier = argument.NameColon!.Name.Identifier;
        return argument.WithNameColon(argument.NameColon.WithName(SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(identifier.LeadingTrivia, name, identifier.TrailingTrivia))));
    }
}
