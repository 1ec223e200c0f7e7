using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>An expected diagnostic (immutable builder). Without a location it matches only a diagnostic without one.</summary>
public readonly struct DiagnosticResult
{
    private readonly string? _id;

    private DiagnosticResult(string id, DiagnosticSeverity? severity, string? filePath, LinePositionSpan? span, int? markupKey, ImmutableArray<object>? arguments, string? message)
    {
        _id = id;
        Severity = severity;
        FilePath = filePath;
        Span = span;
        MarkupKey = markupKey;
        MessageArguments = arguments;
        Message = message;
    }

    public string Id => _id ?? throw new InvalidOperationException("Use DiagnosticResult.Diagnostic(id) to create a DiagnosticResult.");

    /// <summary>The expected effective severity, when given.</summary>
    public DiagnosticSeverity? Severity { get; }

    /// <summary>The file ("/0/Test0.cs" style), when the location is a span.</summary>
    public string? FilePath { get; }

    /// <summary>The 0-based span, when given by <see cref="WithSpan(int, int, int, int)"/> or resolved from markup.</summary>
    public LinePositionSpan? Span { get; }

    /// <summary>The markup location key ({|#N:…|}), when given by <see cref="WithLocation(int)"/>.</summary>
    public int? MarkupKey { get; }

    public ImmutableArray<object>? MessageArguments { get; }

    public string? Message { get; }

    public bool HasLocation => Span.HasValue || MarkupKey.HasValue;

    public static DiagnosticResult Diagnostic(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new DiagnosticResult(id, null, null, null, null, null, null);
    }

    public static DiagnosticResult CompilerError(string id) => Diagnostic(id).WithSeverity(DiagnosticSeverity.Error);

    public static DiagnosticResult CompilerWarning(string id) => Diagnostic(id).WithSeverity(DiagnosticSeverity.Warning);

    /// <summary>The span marked <c>{|#key:…|}</c> in any of the test's sources.</summary>
    public DiagnosticResult WithLocation(int markupKey) =>
        new(Id, Severity, null, null, markupKey, MessageArguments, Message);

    /// <summary>1-based lines and columns in /0/Test0.cs.</summary>
    public DiagnosticResult WithSpan(int startLine, int startColumn, int endLine, int endColumn) =>
        WithSpan(ProjectFactory.DefaultFileName, startLine, startColumn, endLine, endColumn);

    /// <summary>1-based lines and columns in the named source ("Test1.cs" means "/0/Test1.cs").</summary>
    public DiagnosticResult WithSpan(string fileName, int startLine, int startColumn, int endLine, int endColumn)
    {
        if (startLine < 1 || startColumn < 1 || endLine < 1 || endColumn < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(startLine), "Lines and columns are 1-based.");
        }

        var span = new LinePositionSpan(new LinePosition(startLine - 1, startColumn - 1), new LinePosition(endLine - 1, endColumn - 1));
        return WithResolvedSpan(ProjectFactory.NormalizePath(fileName), span);
    }

    /// <summary>Arguments of the descriptor's message format; compared through the formatted message.</summary>
    public DiagnosticResult WithArguments(params object[] arguments) =>
        new(Id, Severity, FilePath, Span, MarkupKey, arguments.ToImmutableArray(), Message);

    public DiagnosticResult WithMessage(string message) =>
        new(Id, Severity, FilePath, Span, MarkupKey, MessageArguments, message);

    public DiagnosticResult WithSeverity(DiagnosticSeverity severity) =>
        new(Id, severity, FilePath, Span, MarkupKey, MessageArguments, Message);

    internal DiagnosticResult WithResolvedSpan(string filePath, LinePositionSpan span) =>
        new(Id, Severity, filePath, span, null, MessageArguments, Message);

    public override string ToString()
    {
        var text = new StringBuilder(_id ?? "<no id>");
        if (Span is { } span)
        {
            text.Append(' ').Append(FormatLocation(FilePath!, span));
        }
        else if (MarkupKey is { } key)
        {
            text.Append(" {|#").Append(key.ToString(CultureInfo.InvariantCulture)).Append(":…|}");
        }
        else
        {
            text.Append(" (no location)");
        }

        if (Severity is { } severity)
        {
            text.Append(' ').Append(severity);
        }

        if (MessageArguments is { } arguments)
        {
            text.Append(" arguments: ").Append(string.Join(", ", arguments.Select(a => $"\"{a}\"")));
        }

        if (Message is not null)
        {
            text.Append(" \"").Append(Message).Append('"');
        }

        return text.ToString();
    }

    internal static string FormatLocation(string path, LinePositionSpan span) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{path}({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1})");
}
