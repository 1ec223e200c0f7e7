// Toy analyzers for the tests of our two verifier extensions; they ship nowhere.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.VerifierExtensionTests;

/// <summary>Reports TOY001 on every class name, generated code excluded (as every Optimistic.Query analyzer does).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClassNameToyAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TOY001", "Toy", "Class '{0}'", "Toy", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Report, SyntaxKind.ClassDeclaration);
    }

    internal static void Report(SyntaxNodeAnalysisContext context)
    {
        var identifier = ((ClassDeclarationSyntax)context.Node).Identifier;
        context.ReportDiagnostic(Diagnostic.Create(Rule, identifier.GetLocation(), identifier.ValueText));
    }
}

/// <summary>The same rule, reported in generated code too: what the generated-code re-run must catch.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClassNameInGeneratedCodeToyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ClassNameToyAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(ClassNameToyAnalyzer.Report, SyntaxKind.ClassDeclaration);
    }
}
