using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// A callback written as a method group or a local function (<c>OnMutate = Prepare</c>): the declaration a fix edits in place of
/// a lambda. Only a declaration the fix may change is returned: in the same document, a private method (not partial, abstract,
/// extern or generic) or a local function, referenced nowhere but in this one callback (its signature changes with the fix,
/// so a method shared by two mutations, or called elsewhere, is left alone).
/// </summary>
internal sealed class CallbackFunction
{
    private CallbackFunction(SyntaxNode declaration, IMethodSymbol symbol, SimpleNameSyntax reference)
    {
        Declaration = declaration;
        Symbol = symbol;
        Reference = reference;
    }

    /// <summary>The <see cref="MethodDeclarationSyntax"/> or <see cref="LocalFunctionStatementSyntax"/>.</summary>
    public SyntaxNode Declaration { get; }

    public IMethodSymbol Symbol { get; }

    /// <summary>The method group's name in the callback's assignment.</summary>
    public SimpleNameSyntax Reference { get; }

    public BlockSyntax? Block => Declaration switch
    {
        MethodDeclarationSyntax method => method.Body,
        LocalFunctionStatementSyntax local => local.Body,
        _ => null,
    };

    public ExpressionSyntax? ExpressionBody => Declaration switch
    {
        MethodDeclarationSyntax method => method.ExpressionBody?.Expression,
        LocalFunctionStatementSyntax local => local.ExpressionBody?.Expression,
        _ => null,
    };

    /// <summary>The declared parameters.</summary>
    public SeparatedSyntaxList<ParameterSyntax> Parameters => Declaration is MethodDeclarationSyntax method ? method.ParameterList.Parameters : ((LocalFunctionStatementSyntax)Declaration).ParameterList.Parameters;

    public TypeSyntax ReturnType => Declaration is MethodDeclarationSyntax method ? method.ReturnType : ((LocalFunctionStatementSyntax)Declaration).ReturnType;

    public bool IsAsync => Symbol.IsAsync;

    /// <summary>
    /// The callback function assigned by <paramref name="value"/> (a method group), when a fix may edit it; else null. With
    /// <paramref name="forEdit"/> false, a fix only reads it (a rollback written from OnMutate's key): any method or local
    /// function of this document and type with a body will do, shared or not.
    /// </summary>
    public static async Task<CallbackFunction?> ResolveAsync(Document document, SemanticModel model, ExpressionSyntax value, CancellationToken cancellationToken, bool forEdit = true)
    {
        var reference = value switch
        {
            SimpleNameSyntax name => name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: { } name } => name,
            _ => null,
        };
        if (reference is null || model.GetSymbolInfo(reference, cancellationToken).Symbol is not IMethodSymbol { IsGenericMethod: false } symbol) return null;
        if (symbol.DeclaringSyntaxReferences.Length != 1) return null;
        var syntax = symbol.DeclaringSyntaxReferences[0];
        if (syntax.SyntaxTree != model.SyntaxTree) return null;
        var declaration = await syntax.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        if (!forEdit)
        {
            var readable = declaration is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
                or LocalFunctionStatementSyntax { Body: not null } or LocalFunctionStatementSyntax { ExpressionBody: not null };
            var sameType = SymbolEqualityComparer.Default.Equals(model.GetEnclosingSymbol(reference.SpanStart, cancellationToken)?.ContainingType, symbol.ContainingType);
            return readable && sameType ? new CallbackFunction(declaration, symbol, reference) : null;
        }

        switch (declaration)
        {
            case MethodDeclarationSyntax method
                when symbol.MethodKind == MethodKind.Ordinary && symbol.DeclaredAccessibility == Accessibility.Private
                     && !symbol.IsAbstract && !symbol.IsExtern && !symbol.IsPartialDefinition && symbol.PartialImplementationPart is null
                     && method.ExplicitInterfaceSpecifier is null && !method.Modifiers.Any(SyntaxKind.PartialKeyword):
            case LocalFunctionStatementSyntax when symbol.MethodKind == MethodKind.LocalFunction:
                break;
            default:
                return null;
        }

        if ((declaration is MethodDeclarationSyntax { Body: null, ExpressionBody: null }) || (declaration is LocalFunctionStatementSyntax { Body: null, ExpressionBody: null })) return null;

        // Used by this callback only.
        var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        var locations = references.SelectMany(referenced => referenced.Locations).ToList();
        if (locations.Count != 1 || locations[0].Location.SourceTree != model.SyntaxTree || locations[0].Location.SourceSpan != reference.Span) return null;
        return new CallbackFunction(declaration, symbol, reference);
    }

    /// <summary>
    /// The name the function should have once it returns a task: with the <c>Async</c> suffix (VSTHRD200), unless it has it or
    /// another member or local of that name exists; else its own name.
    /// </summary>
    public string AsyncName(SemanticModel model)
    {
        var name = Symbol.Name;
        if (name.EndsWith("Async", System.StringComparison.Ordinal)) return name;
        var candidate = name + "Async";
        if (Symbol.ContainingType is { } type && type.GetMembers(candidate).Length > 0) return name;
        if (model.LookupSymbols(Declaration.SpanStart, name: candidate).Length > 0) return name;
        if (Declaration.Parent is { } scope && Lambdas.DeclaredNamesIn(scope).Contains(candidate)) return name;
        return candidate;
    }

    /// <summary>The text of <c>Task</c> (or <c>Task&lt;T&gt;</c>) at the declaration: short when <c>System.Threading.Tasks</c> is in scope.</summary>
    public string TaskTypeText(SemanticModel model, TypeSyntax? result)
    {
        var task = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var visible = model.LookupNamespacesAndTypes(Declaration.SpanStart, name: "Task").Any(symbol => SymbolEqualityComparer.Default.Equals(symbol, task));
        var name = visible ? "Task" : "System.Threading.Tasks.Task";
        return result is null ? name : name + "<" + result.WithoutTrivia().ToFullString() + ">";
    }

    /// <summary>The declaration edited by <paramref name="method"/> or <paramref name="local"/>, whichever it is.</summary>
    public static SyntaxNode Edit(SyntaxNode declaration, System.Func<MethodDeclarationSyntax, MethodDeclarationSyntax> method, System.Func<LocalFunctionStatementSyntax, LocalFunctionStatementSyntax> local) =>
        declaration switch
        {
            MethodDeclarationSyntax m => method(m),
            LocalFunctionStatementSyntax l => local(l),
            _ => declaration,
        };

    /// <summary>
    /// The declaration returning <paramref name="returnType"/> (its trivia kept), renamed <paramref name="name"/>, <c>async</c> when
    /// <paramref name="makeAsync"/> (the keyword goes right before the return type, after the other modifiers).
    /// </summary>
    public static SyntaxNode Retype(SyntaxNode declaration, string returnType, string name, bool makeAsync)
    {
        return Edit(
            declaration,
            method => (MethodDeclarationSyntax)Apply(method, method.ReturnType, method.Modifiers, method.Identifier, (m, type, modifiers, identifier) => ((MethodDeclarationSyntax)m).WithReturnType(type).WithModifiers(modifiers).WithIdentifier(identifier)),
            local => (LocalFunctionStatementSyntax)Apply(local, local.ReturnType, local.Modifiers, local.Identifier, (l, type, modifiers, identifier) => ((LocalFunctionStatementSyntax)l).WithReturnType(type).WithModifiers(modifiers).WithIdentifier(identifier)));

        SyntaxNode Apply(SyntaxNode node, TypeSyntax oldType, SyntaxTokenList modifiers, SyntaxToken identifier, System.Func<SyntaxNode, TypeSyntax, SyntaxTokenList, SyntaxToken, SyntaxNode> with)
        {
            var type = SyntaxFactory.ParseTypeName(returnType).WithTriviaFrom(oldType);
            if (makeAsync && !modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                if (modifiers.Count == 0)
                {
                    // The return type starts the declaration: async takes over its leading trivia.
                    modifiers = modifiers.Add(SyntaxFactory.Token(oldType.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                    type = type.WithLeadingTrivia(SyntaxTriviaList.Empty);
                }
                else
                {
                    modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                }
            }

            var newIdentifier = SyntaxFactory.Identifier(identifier.LeadingTrivia, name, identifier.TrailingTrivia);
            return with(node, type, modifiers, newIdentifier);
        }
    }

    /// <summary>The declaration with a block body instead of its expression body (the <c>=&gt; …;</c> becomes <c>{ … }</c> on its own lines).</summary>
    public static SyntaxNode WithBlock(SyntaxNode declaration, BlockSyntax block, SyntaxTrivia endOfLine)
    {
        return Edit(
            declaration,
            method => method.ExpressionBody is null
                ? method.WithBody(block)
                : method.WithExpressionBody(null).WithSemicolonToken(default).WithParameterList(method.ParameterList.WithTrailingTrivia(endOfLine)).WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)),
            local => local.ExpressionBody is null
                ? local.WithBody(block)
                : local.WithExpressionBody(null).WithSemicolonToken(default).WithParameterList(local.ParameterList.WithTrailingTrivia(endOfLine)).WithBody(block.WithTrailingTrivia(local.SemicolonToken.TrailingTrivia)));
    }

    /// <summary>The declaration with <paramref name="expression"/> as its expression body.</summary>
    public static SyntaxNode WithExpressionBody(SyntaxNode declaration, ExpressionSyntax expression) =>
        Edit(
            declaration,
            method => method.WithExpressionBody(method.ExpressionBody!.WithExpression(expression)),
            local => local.WithExpressionBody(local.ExpressionBody!.WithExpression(expression)));
}
