using Optimistic.Query.Analyzers.Tests.Verification;

namespace Optimistic.Query.Analyzers.Tests.VerifierTests;

public class MarkupParserTests
{
    [Fact]
    public void Square_brackets_mark_a_span_without_id()
    {
        var result = MarkupParser.Parse("int [|bad|] = 1;");

        Assert.Equal("int bad = 1;", result.Text);
        var span = Assert.Single(result.Spans);
        Assert.Equal((4, 7, null, (int?)null), (span.Span.Start, span.Span.End, span.Id, span.LocationKey));
    }

    [Fact]
    public void Curly_markup_carries_an_id_or_a_location_key()
    {
        var result = MarkupParser.Parse("a {|OPT001:b|} c {|#12:d|}");

        Assert.Equal("a b c d", result.Text);
        Assert.Equal("OPT001", result.Spans[0].Id);
        Assert.Equal((2, 3), (result.Spans[0].Span.Start, result.Spans[0].Span.End));
        Assert.Equal(12, result.Spans[1].LocationKey);
        Assert.Equal((6, 7), (result.Spans[1].Span.Start, result.Spans[1].Span.End));
    }

    [Fact]
    public void Markers_nest_and_may_be_empty()
    {
        var result = MarkupParser.Parse("x{|#0:[|ab{|#1:|}c|]|}y");

        Assert.Equal("xabcy", result.Text);
        Assert.Equal(3, result.Spans.Length);
        var outer = result.Spans.Single(s => s.LocationKey == 0);
        var square = result.Spans.Single(s => s.LocationKey is null);
        var empty = result.Spans.Single(s => s.LocationKey == 1);
        Assert.Equal((1, 4), (outer.Span.Start, outer.Span.End));
        Assert.Equal((1, 4), (square.Span.Start, square.Span.End));
        Assert.Equal((3, 3), (empty.Span.Start, empty.Span.End));
    }

    [Fact]
    public void Braces_that_are_not_markup_stay_text()
    {
        var result = MarkupParser.Parse("class C { void M() {| } }".Replace("{|", "{ ", StringComparison.Ordinal));

        Assert.Empty(result.Spans);
        Assert.Equal("class C { void M() {  } }", result.Text);
    }

    [Theory]
    [InlineData("a [|b")]
    [InlineData("a b|]")]
    [InlineData("a [|b|}")]
    [InlineData("a {|#0:b|]")]
    [InlineData("a {|#x:b|}")]
    public void Unbalanced_or_malformed_markup_fails(string markup)
    {
        var exception = Assert.Throws<VerificationException>(() => MarkupParser.Parse(markup));
        Assert.Contains("Invalid markup at line 1", exception.Message, StringComparison.Ordinal);
    }
}
