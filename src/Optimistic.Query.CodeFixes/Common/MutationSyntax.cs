using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// Syntax of a mutation definition written as an object initializer (<c>new MutationOptions&lt;…&gt; { OnMutate = …, … }</c>):
/// finding its members and callbacks, adding and removing members in the initializer's own layout.
/// </summary>
internal static class MutationSyntax
{
    /// <summary>
    /// The <c>Name = value</c> member of an object initializer that contains <paramref name="node"/>; with
    /// <paramref name="includeWith"/>, of a <c>with</c> initializer too (a fix that knows the copied options' members are
    /// not its own: removing one brings the copied value back).
    /// </summary>
    public static AssignmentExpressionSyntax? EnclosingMember(SyntaxNode? node, bool includeWith = false)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is AssignmentExpressionSyntax { Left: IdentifierNameSyntax } assignment
                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && assignment.Parent is InitializerExpressionSyntax initializer
                && (initializer.IsKind(SyntaxKind.ObjectInitializerExpression) || (includeWith && initializer.IsKind(SyntaxKind.WithInitializerExpression))))
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>The member's property name.</summary>
    public static string MemberName(AssignmentExpressionSyntax member) => ((IdentifierNameSyntax)member.Left).Identifier.ValueText;

    /// <summary>The member assigning the property <paramref name="name"/> instead (an async twin), in the same layout.</summary>
    public static AssignmentExpressionSyntax WithMemberName(AssignmentExpressionSyntax member, string name)
    {
        var left = (IdentifierNameSyntax)member.Left;
        return member.WithLeft(left.WithIdentifier(SyntaxFactory.Identifier(left.Identifier.LeadingTrivia, name, left.Identifier.TrailingTrivia)));
    }

    /// <summary>The initializer member named <paramref name="name"/>, or null.</summary>
    public static AssignmentExpressionSyntax? FindMember(InitializerExpressionSyntax initializer, string name)
    {
        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax identifier } assignment && identifier.Identifier.ValueText == name)
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>The lambda assigned by the member, or null (method groups, delegates, anything else).</summary>
    public static AnonymousFunctionExpressionSyntax? LambdaOf(AssignmentExpressionSyntax? member) =>
        member?.Right is AnonymousFunctionExpressionSyntax lambda && Lambdas.IsEditable(lambda) ? lambda : null;

    /// <summary>The enclosing callback lambda of <paramref name="node"/>: the value of an initializer member.</summary>
    public static AnonymousFunctionExpressionSyntax? CallbackLambdaOf(SyntaxNode? node)
    {
        var member = EnclosingMember(node);
        return LambdaOf(member);
    }

    /// <summary>The options type (<c>MutationOptions&lt;…&gt;</c>) of the initializer's creation (or <c>with</c> copy), when it binds.</summary>
    public static INamedTypeSymbol? OptionsType(SemanticModel model, InitializerExpressionSyntax initializer, System.Threading.CancellationToken cancellationToken) =>
        initializer.Parent is BaseObjectCreationExpressionSyntax or WithExpressionSyntax
            ? model.GetTypeInfo(initializer.Parent, cancellationToken).Type as INamedTypeSymbol
            : null;

    /// <summary>Whether the options type has a settable member <paramref name="name"/> (own or inherited).</summary>
    public static bool HasProperty(INamedTypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).OfType<IPropertySymbol>().Any()) return true;
        }

        return false;
    }

    /// <summary>Whether every member of the initializer starts its own line (the usual layout), else it is written inline.</summary>
    public static bool IsMultiline(InitializerExpressionSyntax initializer) =>
        initializer.Expressions.Count > 0 && initializer.Expressions.All(expression => Layout.StartsLine(expression.GetFirstToken()));

    /// <summary>
    /// Inserts <paramref name="member"/> after <paramref name="after"/> (or last when null), on its own line at the members'
    /// indentation (inline for a one-line initializer). A trailing comma stays where the initializer had one.
    /// </summary>
    public static InitializerExpressionSyntax InsertMember(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax? after, ExpressionSyntax member, Layout layout)
    {
        var expressions = initializer.Expressions;
        if (expressions.Count == 0) return initializer;
        var index = after is null ? expressions.Count - 1 : expressions.IndexOf(after);
        if (index < 0) return initializer;

        var multiline = IsMultiline(initializer);
        var indentation = Layout.IndentationOf(expressions[index].GetFirstToken());
        var nodes = new List<SyntaxNode>(expressions);
        var separators = new List<SyntaxToken>(expressions.GetSeparators());
        var trailingSeparator = separators.Count == nodes.Count;

        if (index < separators.Count)
        {
            // previous, NEW, ...: the new member takes a separator of its own after it (the previous separator stays put).
            var newSeparator = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[index].TrailingTrivia);
            nodes.Insert(index + 1, Position(member, multiline, indentation));
            separators.Insert(index + 1 <= separators.Count ? index + 1 : separators.Count, newSeparator);
            if (!trailingSeparator && index + 1 == nodes.Count - 1)
            {
                // the new member is last and the list had no trailing comma: drop the one just added.
                separators.RemoveAt(separators.Count - 1);
                nodes[index + 1] = nodes[index + 1].WithTrailingTrivia(separators[index].TrailingTrivia);
            }
        }
        else
        {
            // the last member, without a trailing comma: a comma after it, then the new member, which ends the list.
            var last = nodes[index];
            var trailing = last.GetTrailingTrivia();
            nodes[index] = last.WithTrailingTrivia(SyntaxTriviaList.Empty);
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? SyntaxFactory.TriviaList(layout.EndOfLineTrivia) : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            nodes.Insert(index + 1, Position(member, multiline, indentation).WithTrailingTrivia(trailing));
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes.Cast<ExpressionSyntax>(), separators));

        ExpressionSyntax Position(ExpressionSyntax expression, bool onOwnLine, string indent) =>
            onOwnLine
                ? expression.WithLeadingTrivia(SyntaxFactory.Whitespace(indent)).WithTrailingTrivia(SyntaxTriviaList.Empty)
                : expression.WithLeadingTrivia(SyntaxTriviaList.Empty).WithTrailingTrivia(SyntaxTriviaList.Empty);
    }

    /// <summary>
    /// Replaces <paramref name="member"/> with <paramref name="replacement"/>, preceded by the new member <paramref name="added"/>,
    /// which takes over the member's leading trivia (its comments and indentation); the replacement goes on its own line at
    /// the same indentation (inline for a one-line initializer).
    /// </summary>
    public static InitializerExpressionSyntax ReplaceMemberAddingBefore(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax member, ExpressionSyntax added, ExpressionSyntax replacement, Layout layout)
    {
        var expressions = initializer.Expressions;
        var index = expressions.IndexOf(member);
        if (index < 0) return initializer;
        var multiline = IsMultiline(initializer);
        var nodes = new List<SyntaxNode>(expressions);
        var separators = new List<SyntaxToken>(expressions.GetSeparators());
        nodes[index] = multiline
            ? replacement.WithLeadingTrivia(SyntaxFactory.Whitespace(Layout.IndentationOf(member.GetFirstToken())))
            : replacement.WithLeadingTrivia(SyntaxTriviaList.Empty);
        nodes.Insert(index, added.WithLeadingTrivia(member.GetLeadingTrivia()).WithTrailingTrivia(SyntaxTriviaList.Empty));
        separators.Insert(index, SyntaxFactory.Token(SyntaxTriviaList.Empty, SyntaxKind.CommaToken, SyntaxFactory.TriviaList(multiline ? layout.EndOfLineTrivia : SyntaxFactory.Space)));
        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes.Cast<ExpressionSyntax>(), separators));
    }

    /// <summary>Removes <paramref name="member"/> and its line (with the comma after it, or before it when it was last).</summary>
    public static InitializerExpressionSyntax RemoveMember(InitializerExpressionSyntax initializer, ExpressionSyntax member)
    {
        var expressions = initializer.Expressions;
        var index = expressions.IndexOf(member);
        if (index < 0) return initializer;
        var nodes = new List<SyntaxNode>(expressions);
        var separators = new List<SyntaxToken>(expressions.GetSeparators());
        nodes.RemoveAt(index);
        if (index < separators.Count)
        {
            separators.RemoveAt(index);
        }
        else if (index > 0)
        {
            // the last member without a trailing comma: the previous comma goes, its line break stays on the previous member.
            var previousSeparator = separators[index - 1];
            separators.RemoveAt(index - 1);
            nodes[index - 1] = nodes[index - 1].WithTrailingTrivia(nodes[index - 1].GetTrailingTrivia().AddRange(previousSeparator.TrailingTrivia));
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes.Cast<ExpressionSyntax>(), separators));
    }

    /// <summary>The type name to write for <paramref name="type"/> at <paramref name="position"/>.</summary>
    public static string TypeText(SemanticModel model, ITypeSymbol type, int position) =>
        type.ToMinimalDisplayString(model, position, SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>Wraps the text of <paramref name="expression"/> in parentheses unless it is a primary expression.</summary>
    public static string ReceiverText(ExpressionSyntax expression)
    {
        var text = expression.WithoutTrivia().ToFullString();
        return expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax
            or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or GenericNameSyntax
            ? text
            : "(" + text + ")";
    }
}
