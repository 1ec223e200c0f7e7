// Toy analyzers for the verifier's own tests; they ship nowhere.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests.Toys;

/// <summary>
/// Toy rule TOY001: an <c>int</c> field whose name starts with the prefix (option <c>toy_prefix</c>, default "bad"),
/// reported on the name. Honours generated code unless told otherwise.
/// </summary>
public abstract class BadFieldAnalyzerBase : DiagnosticAnalyzer
{
    public const string Id = "TOY001";

    public static readonly DiagnosticDescriptor Rule = new(
        Id, "Bad field", "Field '{0}' has a bad name", "Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private readonly bool _reportInGeneratedCode;

    protected BadFieldAnalyzerBase(bool reportInGeneratedCode) => _reportInGeneratedCode = reportInGeneratedCode;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(_reportInGeneratedCode
            ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics
            : GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.FieldDeclaration);
    }

    protected virtual void Analyze(SyntaxNodeAnalysisContext context)
    {
        var field = (FieldDeclarationSyntax)context.Node;
        if (field.Declaration.Type is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.IntKeyword })
        {
            return;
        }

        var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Node.SyntaxTree);
        var prefix = options.TryGetValue("toy_prefix", out var configured) ? configured : "bad";
        foreach (var variable in field.Declaration.Variables)
        {
            if (variable.Identifier.ValueText.StartsWith(prefix, StringComparison.Ordinal))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, variable.Identifier.GetLocation(), variable.Identifier.ValueText));
            }
        }
    }
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BadFieldAnalyzer : BadFieldAnalyzerBase
{
    public BadFieldAnalyzer()
        : base(reportInGeneratedCode: false)
    {
    }
}

/// <summary>Wrong on purpose: reports in generated code.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratedCodeReportingAnalyzer : BadFieldAnalyzerBase
{
    public GeneratedCodeReportingAnalyzer()
        : base(reportInGeneratedCode: true)
    {
    }
}

/// <summary>Wrong on purpose: throws on every field.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : BadFieldAnalyzerBase
{
    public ThrowingAnalyzer()
        : base(reportInGeneratedCode: false)
    {
    }

    protected override void Analyze(SyntaxNodeAnalysisContext context) =>
        throw new InvalidOperationException("toy analyzer exploded");
}

/// <summary>Two IDs: TOY001 (bad…) and TOY002 (worse…), so plain [|…|] markup is ambiguous.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TwoRuleAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Worse = new(
        "TOY002", "Worse field", "Field '{0}' has a worse name", "Naming", DiagnosticSeverity.Info, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadFieldAnalyzerBase.Rule, Worse);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            c =>
            {
                foreach (var variable in ((FieldDeclarationSyntax)c.Node).Declaration.Variables)
                {
                    var name = variable.Identifier.ValueText;
                    var rule = name.StartsWith("bad", StringComparison.Ordinal) ? BadFieldAnalyzerBase.Rule
                        : name.StartsWith("worse", StringComparison.Ordinal) ? Worse
                        : null;
                    if (rule is not null)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(rule, variable.Identifier.GetLocation(), name));
                    }
                }
            },
            SyntaxKind.FieldDeclaration);
    }
}
