using System.Globalization;
using System.Text;

namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Line endings normalization and a small unified-style line diff for failure messages.</summary>
internal static class TextDiff
{
    private const int Context = 3;

    public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>"-" lines are expected only, "+" lines actual only, with a few lines of context around each change.</summary>
    public static string Unified(string expected, string actual)
    {
        var a = NormalizeLineEndings(expected).Split('\n');
        var b = NormalizeLineEndings(actual).Split('\n');

        // Longest common subsequence table, from the ends.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                lines.Add((' ', x + 1, a[x]));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', x + 1, a[x]));
                x++;
            }
            else
            {
                lines.Add(('+', y + 1, b[y]));
                y++;
            }
        }

        var text = new StringBuilder();
        text.AppendLine("--- expected").AppendLine("+++ actual");
        var lastPrinted = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var near = Enumerable.Range(Math.Max(0, k - Context), Math.Min(lines.Count, k + Context + 1) - Math.Max(0, k - Context)).Any(n => lines[n].Kind != ' ');
            if (!near)
            {
                continue;
            }

            if (k != lastPrinted + 1)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"@@ near expected line {lines[k].Line} @@");
            }

            text.Append(lines[k].Kind).AppendLine(Visible(lines[k].Text));
            lastPrinted = k;
        }

        if (string.Equals(Squeeze(expected), Squeeze(actual), StringComparison.Ordinal))
        {
            text.AppendLine("(the texts differ only in whitespace)");
        }

        return text.ToString();
    }

    private static string Visible(string line) => line.Length > 0 && char.IsWhiteSpace(line[^1]) ? line + "·(trailing whitespace)" : line;

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
