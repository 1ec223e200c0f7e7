// Toy analyzer and fixer that throw, to prove the fuzz can fail; they ship nowhere.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>Throws on an identifier named <see cref="Trigger"/>; reports FUZZTOY on identifiers named <see cref="Fixable"/>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingToyAnalyzer : DiagnosticAnalyzer
{
    public const string Trigger = "KaboomIdentifier";
    public const string Fixable = "FixMeIdentifier";

    public static readonly DiagnosticDescriptor Rule = new("FUZZTOY", "Toy", "Toy '{0}'", "Toy", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            c =>
            {
                var name = ((Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax)c.Node).Identifier.ValueText;
                if (name == Trigger)
                {
                    throw new InvalidOperationException("toy analyzer: " + Trigger);
                }

                if (name == Fixable)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation(), name));
                }
            },
            SyntaxKind.IdentifierName);
    }
}

/// <summary>Offers one action for FUZZTOY whose computation throws.</summary>
public sealed class ThrowingToyFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("FUZZTOY");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        context.RegisterCodeFix(
            CodeAction.Create("Toy fix", (Func<CancellationToken, Task<Document>>)(_ => throw new NotSupportedException("toy fixer: " + ThrowingToyAnalyzer.Fixable)), equivalenceKey: "toy"),
            context.Diagnostics);
        return Task.CompletedTask;
    }
}
