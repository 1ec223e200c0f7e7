namespace Optimistic.Query.Tests;

public class QueryKeyTests
{
    [Fact]
    public void Keys_with_the_same_parts_are_equal()
    {
        var a = QueryKey.Create("todos", new { page = 1, done = false });
        var b = QueryKey.Create("todos", new { done = false, page = 1 });
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
