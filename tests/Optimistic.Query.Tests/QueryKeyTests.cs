using System.Collections;
using System.Collections.Concurrent;
using System.Dynamic;
using System.Numerics;

namespace Optimistic.Query.Tests;

public class QueryKeyTests
{
    private enum Color
    {
        Red,
        Green,
    }

    private sealed record Filter(int Page, bool Done);

    private sealed record FilterWithTags(int Page, IReadOnlyList<string> Tags);

    private readonly record struct Point(int X, int Y);

    private sealed class Mutable
    {
        public string Name { get; set; } = "";
        public List<int> Ids { get; set; } = new();
    }

    private sealed class SelfReferencing
    {
        public string Name { get; set; } = "loop";
        public SelfReferencing? Next { get; set; }
    }

    private sealed class Leaf
    {
        public int Value { get; init; }
    }

    private sealed class Diamond
    {
        public object? Left { get; init; }
        public object? Right { get; init; }
    }

    private sealed class ThrowingProperty
    {
        public int Fine => 1;
        public int Broken => throw new InvalidOperationException("getter bug");
    }

    private class Base
    {
        public int Value => 1;
    }

    private sealed class Hiding : Base
    {
        public new string Value => "derived";
    }

    private sealed class NoProperties
    {
#pragma warning disable CS0414, CA1823 // A field only: there is nothing a key could compare.
        private readonly int _hidden = 1;
#pragma warning restore CS0414, CA1823
    }

    private static void AssertSameKey(QueryKey a, QueryKey b)
    {
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.ToString(), b.ToString());
    }

    private static void AssertDifferentKeys(QueryKey a, QueryKey b)
    {
        Assert.NotEqual(a, b);
        Assert.False(a == b);
        Assert.True(a != b);
        Assert.NotEqual(a.ToString(), b.ToString());
    }

    // ---- Equality and hashing ----

    [Fact]
    public void Keys_with_the_same_parts_are_equal_whatever_the_property_order()
    {
        AssertSameKey(QueryKey.Create("todos", new { page = 1, done = false }), QueryKey.Create("todos", new { done = false, page = 1 }));
    }

    [Fact]
    public void Strings_compare_ordinally()
    {
        AssertSameKey(QueryKey.Create("todos"), QueryKey.Create(new string("todos".ToCharArray())));
        AssertDifferentKeys(QueryKey.Create("todos"), QueryKey.Create("Todos"));
        AssertDifferentKeys(QueryKey.Create("a", "b"), QueryKey.Create("ab"));
    }

    public static TheoryData<object> IntegralOnes => new() { 1, 1L, 1.0, 1.0f, 1m, 1.00m, (byte)1, (sbyte)1, (short)1, (ushort)1, 1u, 1ul, (Half)1, new BigInteger(1), (Int128)1, (UInt128)1 };

    [Theory]
    [MemberData(nameof(IntegralOnes))]
    public void Every_numeric_type_holding_one_is_the_same_part(object one)
    {
        AssertSameKey(QueryKey.Create(1), QueryKey.Create(one));
    }

    [Fact]
    public void Fractions_are_equal_across_numeric_types_by_their_written_value()
    {
        AssertSameKey(QueryKey.Create(1.5), QueryKey.Create(1.5f));
        AssertSameKey(QueryKey.Create(1.5), QueryKey.Create(1.5m));
        // A float is read as the decimal number it prints as, not as its binary expansion.
        AssertSameKey(QueryKey.Create(0.1), QueryKey.Create(0.1f));
        AssertSameKey(QueryKey.Create(0.1), QueryKey.Create(0.1m));
        AssertDifferentKeys(QueryKey.Create(1.5), QueryKey.Create(1.25));
        AssertDifferentKeys(QueryKey.Create(1.5), QueryKey.Create(1));
    }

    [Fact]
    public void Negative_zero_is_zero()
    {
        AssertSameKey(QueryKey.Create(0), QueryKey.Create(-0.0));
    }

    [Fact]
    public void Large_integers_stay_exact()
    {
        AssertDifferentKeys(QueryKey.Create(long.MaxValue), QueryKey.Create(long.MaxValue - 1));
        AssertDifferentKeys(QueryKey.Create(ulong.MaxValue), QueryKey.Create(ulong.MaxValue - 1));
        AssertDifferentKeys(QueryKey.Create(BigInteger.Pow(10, 30)), QueryKey.Create(BigInteger.Pow(10, 30) + 1));
        AssertSameKey(QueryKey.Create(ulong.MaxValue), QueryKey.Create(new BigInteger(ulong.MaxValue)));
        AssertSameKey(QueryKey.Create(long.MinValue), QueryKey.Create((decimal)long.MinValue));
    }

    [Fact]
    public void Numbers_strings_booleans_and_null_are_distinct()
    {
        var keys = new[]
        {
            QueryKey.Create(1), QueryKey.Create("1"), QueryKey.Create(true), QueryKey.Create("true"),
            QueryKey.Create((object?)null), QueryKey.Create("null"), QueryKey.Create(0), QueryKey.Create(false),
        };
        for (int i = 0; i < keys.Length; i++)
        {
            for (int j = i + 1; j < keys.Length; j++) AssertDifferentKeys(keys[i], keys[j]);
        }
    }

    [Fact]
    public void Null_parts_are_equal_to_each_other()
    {
        AssertSameKey(QueryKey.Create("a", null), QueryKey.Create("a", null));
        Assert.Equal(2, QueryKey.Create("a", null).Count);
    }

    [Fact]
    public void Enums_are_their_name()
    {
        AssertSameKey(QueryKey.Create(Color.Green), QueryKey.Create("Green"));
        AssertDifferentKeys(QueryKey.Create(Color.Green), QueryKey.Create(1));
        AssertSameKey(QueryKey.Create(new { color = Color.Red }), QueryKey.Create(new { color = "Red" }));
    }

    [Fact]
    public void Guids_are_their_D_text()
    {
        var id = Guid.NewGuid();
        AssertSameKey(QueryKey.Create(id), QueryKey.Create(id.ToString("D")));
        AssertDifferentKeys(QueryKey.Create(id), QueryKey.Create(id.ToString("N")));
    }

    [Fact]
    public void Dates_and_times_are_their_round_trip_text()
    {
        var instant = new DateTimeOffset(2026, 5, 1, 12, 30, 0, TimeSpan.FromHours(2));
        AssertSameKey(QueryKey.Create(instant), QueryKey.Create(new DateTimeOffset(2026, 5, 1, 12, 30, 0, TimeSpan.FromHours(2))));
        AssertSameKey(QueryKey.Create(instant), QueryKey.Create("2026-05-01T12:30:00.0000000+02:00"));
        AssertSameKey(QueryKey.Create(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc)), QueryKey.Create("2026-05-01T00:00:00.0000000Z"));
        AssertSameKey(QueryKey.Create(new DateOnly(2026, 5, 1)), QueryKey.Create("2026-05-01"));
        AssertSameKey(QueryKey.Create(new TimeOnly(8, 15)), QueryKey.Create("08:15:00.0000000"));
        AssertSameKey(QueryKey.Create(TimeSpan.FromMinutes(90)), QueryKey.Create("01:30:00"));
        AssertDifferentKeys(QueryKey.Create(new DateOnly(2026, 5, 1)), QueryKey.Create(new DateOnly(2026, 5, 2)));
    }

    [Fact]
    public void Anonymous_objects_records_and_dictionaries_with_the_same_properties_are_equal()
    {
        var anonymous = QueryKey.Create("todos", new { Page = 2, Done = true });
        var record = QueryKey.Create("todos", new Filter(2, true));
        var dictionary = QueryKey.Create("todos", new Dictionary<string, object> { ["Done"] = true, ["Page"] = 2 });
        var readOnly = QueryKey.Create("todos", (IReadOnlyDictionary<string, int>)new SortedList<string, int> { ["Page"] = 2 });
        var hashtable = QueryKey.Create("todos", new Hashtable { ["Page"] = 2, ["Done"] = true });
        dynamic expando = new ExpandoObject();
        expando.Done = true;
        expando.Page = 2;

        AssertSameKey(anonymous, record);
        AssertSameKey(anonymous, dictionary);
        AssertSameKey(anonymous, hashtable);
        AssertSameKey(anonymous, QueryKey.Create("todos", (object)expando));
        AssertSameKey(QueryKey.Create("todos", new { Page = 2 }), readOnly);
        AssertDifferentKeys(anonymous, QueryKey.Create("todos", new { page = 2, done = true }));
        AssertDifferentKeys(anonymous, QueryKey.Create("todos", new { Page = 2 }));
    }

    [Fact]
    public void Record_structs_and_key_value_pairs_are_objects()
    {
        AssertSameKey(QueryKey.Create(new { Y = 2, X = 1 }), QueryKey.Create(new Point(1, 2)));
        AssertSameKey(QueryKey.Create(new { Key = "a", Value = 1 }), QueryKey.Create(new KeyValuePair<string, int>("a", 1)));
    }

    [Fact]
    public void The_shape_of_a_type_is_computed_once_and_cached()
    {
        var shape = Optimistic.Query.Keys.TypeShape.For(typeof(Filter));

        Assert.Same(shape, Optimistic.Query.Keys.TypeShape.For(typeof(Filter)));
        Assert.Equal(new[] { "Done", "Page" }, shape.PropertyNames);
    }

    [Fact]
    public void A_hidden_property_is_read_once_from_the_most_derived_type()
    {
        var key = QueryKey.Create(new Hiding());

        Assert.Equal("[{\"Value\":\"derived\"}]", key.ToString());
        AssertSameKey(key, QueryKey.Create(new { Value = "derived" }));
    }

    [Fact]
    public void Sequences_compare_element_by_element_in_order()
    {
        AssertSameKey(QueryKey.Create(new[] { 1, 2, 3 }.ToList()), QueryKey.Create(new List<long> { 1, 2, 3 }));
        AssertSameKey(QueryKey.Create("ids", new[] { 1, 2 }), QueryKey.Create("ids", Enumerable.Range(1, 2)));
        AssertSameKey(QueryKey.Create("ids", new List<int[]> { new[] { 1 }, new[] { 2, 3 } }), QueryKey.Create("ids", new object[] { new[] { 1L }, new List<int> { 2, 3 } }));
        AssertDifferentKeys(QueryKey.Create("ids", new[] { 1, 2 }), QueryKey.Create("ids", new[] { 2, 1 }));
        AssertDifferentKeys(QueryKey.Create("ids", new[] { 1, 2 }), QueryKey.Create("ids", new[] { 1, 2, 3 }));
        AssertDifferentKeys(QueryKey.Create("ids", new int[0]), QueryKey.Create("ids", new Dictionary<string, int>()));
    }

    [Fact]
    public void Tuples_are_sequences()
    {
        AssertSameKey(QueryKey.Create(("todos", 1)), QueryKey.Create(new object[] { new object[] { "todos", 1 } }));
        AssertSameKey(QueryKey.Create(Tuple.Create("todos", 1)), QueryKey.Create(("todos", 1L)));
    }

    [Fact]
    public void A_key_used_as_a_part_is_the_array_of_its_parts()
    {
        var inner = QueryKey.Create("todos", new { page = 1 });

        AssertSameKey(QueryKey.Create("scope", inner), QueryKey.Create("scope", new object[] { "todos", new { page = 1 } }));
    }

    [Fact]
    public void Keys_work_as_dictionary_keys()
    {
        var cache = new Dictionary<QueryKey, string> { [QueryKey.Create("todos", new { page = 1 })] = "page one" };

        Assert.Equal("page one", cache[QueryKey.Create("todos", new Dictionary<string, object> { ["page"] = 1L })]);
        Assert.False(cache.ContainsKey(QueryKey.Create("todos", new { page = 2 })));
    }

    [Fact]
    public void Equals_handles_null_and_other_types()
    {
        var key = QueryKey.Create("a");

        Assert.False(key.Equals((QueryKey?)null));
        Assert.False(key.Equals("a"));
        Assert.False(key == null);
        Assert.True((QueryKey?)null == null);
    }

    // ---- Immutability ----

    [Fact]
    public void Changing_the_source_objects_after_Create_does_not_change_the_key()
    {
        var ids = new List<int> { 1, 2 };
        var filter = new Dictionary<string, object?> { ["page"] = 1 };
        var mutable = new Mutable { Name = "a", Ids = { 7 } };
        var parts = new object?[] { "todos", ids, filter, mutable };
        var key = QueryKey.Create(parts);
        var text = key.ToString();
        var hash = key.GetHashCode();

        ids.Add(3);
        filter["page"] = 2;
        mutable.Name = "b";
        mutable.Ids.Add(8);
        parts[0] = "changed";

        Assert.Equal(text, key.ToString());
        Assert.Equal(hash, key.GetHashCode());
        Assert.Equal(QueryKey.Create("todos", new[] { 1, 2 }, new { page = 1 }, new { Ids = new[] { 7 }, Name = "a" }), key);
    }

    // ---- StartsWith (TanStack's partialMatchKey) ----

    [Fact]
    public void The_empty_key_prefixes_every_key()
    {
        Assert.True(QueryKey.Create("todos", 1).StartsWith(QueryKey.Create()));
        Assert.True(QueryKey.Create().StartsWith(QueryKey.Create()));
    }

    [Fact]
    public void A_key_starts_with_itself_and_with_its_leading_parts()
    {
        var key = QueryKey.Create("todos", "list", new { page = 1 });

        Assert.True(key.StartsWith(key));
        Assert.True(key.StartsWith(QueryKey.Create("todos")));
        Assert.True(key.StartsWith(QueryKey.Create("todos", "list")));
        Assert.False(key.StartsWith(QueryKey.Create("list")));
        Assert.False(key.StartsWith(QueryKey.Create("todos", "detail")));
    }

    [Fact]
    public void A_longer_prefix_never_matches()
    {
        Assert.False(QueryKey.Create("todos").StartsWith(QueryKey.Create("todos", 1)));
        Assert.False(QueryKey.Create().StartsWith(QueryKey.Create("todos")));
    }

    [Fact]
    public void Object_parts_match_as_subsets_recursively()
    {
        var key = QueryKey.Create("todos", new { filter = new { done = true, owner = "me" }, page = 1 });

        Assert.True(key.StartsWith(QueryKey.Create("todos", new { page = 1 })));
        Assert.True(key.StartsWith(QueryKey.Create("todos", new { filter = new { done = true } })));
        Assert.True(key.StartsWith(QueryKey.Create("todos", new Dictionary<string, object>())));
        Assert.False(key.StartsWith(QueryKey.Create("todos", new { page = 2 })));
        Assert.False(key.StartsWith(QueryKey.Create("todos", new { filter = new { done = false } })));
        Assert.False(key.StartsWith(QueryKey.Create("todos", new { missing = 1 })));
        // The subset goes one way: the key's object must hold the prefix's properties, not the reverse.
        Assert.False(QueryKey.Create("todos", new { page = 1 }).StartsWith(QueryKey.Create("todos", new { page = 1, done = true })));
    }

    [Fact]
    public void Array_parts_match_as_element_prefixes()
    {
        // Two arguments, so the array is one part (a lone object[] argument would be the parts themselves).
        var key = QueryKey.Create("k", new object[] { "todos", new { id = 1, v = 2 }, 3 });

        Assert.True(key.StartsWith(QueryKey.Create("k", new object[] { "todos" })));
        Assert.True(key.StartsWith(QueryKey.Create("k", new object[] { "todos", new { id = 1 } })));
        Assert.True(key.StartsWith(QueryKey.Create("k", Array.Empty<object>())));
        Assert.False(key.StartsWith(QueryKey.Create("k", new object[] { "todos", new { id = 2 } })));
        Assert.False(key.StartsWith(QueryKey.Create("k", new object[] { "todos", new { id = 1 }, 3, 4 })));
        Assert.False(key.StartsWith(QueryKey.Create("k", new object[] { 3 })));
    }

    [Fact]
    public void A_lone_object_array_argument_is_the_parts_themselves()
    {
        AssertSameKey(QueryKey.Create("todos", 1), QueryKey.Create(new object[] { "todos", 1 }));
        Assert.Equal(1, QueryKey.Create(new List<object> { "todos", 1 }).Count);
    }

    [Fact]
    public void Scalars_match_only_when_equal_and_never_match_objects_or_arrays()
    {
        Assert.True(QueryKey.Create(1L).StartsWith(QueryKey.Create(1.0)));
        Assert.False(QueryKey.Create(new { a = 1 }).StartsWith(QueryKey.Create(1)));
        Assert.False(QueryKey.Create(1).StartsWith(QueryKey.Create(new Dictionary<string, int>())));
        Assert.False(QueryKey.Create(new[] { 1 }).StartsWith(QueryKey.Create(new Dictionary<string, int>())));
        Assert.False(QueryKey.Create(new Dictionary<string, int>()).StartsWith(QueryKey.Create(new object[] { Array.Empty<int>() })));
        Assert.False(QueryKey.Create((object?)null).StartsWith(QueryKey.Create(new Dictionary<string, int>())));
    }

    [Fact]
    public void StartsWith_rejects_a_null_prefix()
    {
        Assert.Throws<ArgumentNullException>(() => QueryKey.Create("a").StartsWith(null!));
    }

    // ---- Text form and Parse ----

    [Fact]
    public void ToString_is_a_JSON_array_with_sorted_properties()
    {
        var key = QueryKey.Create("todos", new { page = 1, done = false, Zeta = (string?)null, alpha = new[] { 1.5, 2 } }, Color.Red, true);

        Assert.Equal("[\"todos\",{\"Zeta\":null,\"alpha\":[1.5,2],\"done\":false,\"page\":1},\"Red\",true]", key.ToString());
        Assert.Same(key.ToString(), key.ToString());
    }

    [Fact]
    public void ToString_escapes_strings_as_JSON()
    {
        Assert.Equal("[\"a\\\"b\\\\c\\nd\\u0001\"]", QueryKey.Create("a\"b\\c\nd\u0001").ToString());
        Assert.Equal("[{\"we\\\"ird\":1}]", QueryKey.Create(new Dictionary<string, int> { ["we\"ird"] = 1 }).ToString());
    }

    public static TheoryData<QueryKey> RoundTripKeys => new()
    {
        QueryKey.Create(),
        QueryKey.Create("todos"),
        QueryKey.Create("todos", 1, -42L, 1.5, 0.1f, 1e-7, 1e300, -2.5m, long.MinValue, ulong.MaxValue, BigInteger.Pow(10, 40)),
        QueryKey.Create(true, false, null),
        QueryKey.Create(Color.Green, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
        QueryKey.Create(new DateTimeOffset(2026, 5, 1, 12, 30, 0, TimeSpan.Zero), new DateOnly(2026, 5, 1), TimeSpan.FromSeconds(5)),
        QueryKey.Create("todos", new { page = 1, filter = new { done = true, tags = new[] { "a", "b" } } }),
        QueryKey.Create(new Dictionary<string, object?> { ["b"] = null, ["a"] = new object[] { 1, "x", new { y = 2 } } }),
        QueryKey.Create(new object[] { new object[] { Array.Empty<int>() } }, new Dictionary<string, int>()),
        QueryKey.Create("quote\" backslash\\ newline\n tab\t nul\0 emoji😀 accents é"),
        QueryKey.Create(QueryKey.Create("nested", 1)),
    };

    [Theory]
    [MemberData(nameof(RoundTripKeys))]
    public void Parse_of_ToString_round_trips_to_an_equal_key(QueryKey key)
    {
        var parsed = QueryKey.Parse(key.ToString());

        AssertSameKey(key, parsed);
        Assert.Equal(key.Count, parsed.Count);
    }

    [Fact]
    public void Parse_reads_JSON_written_by_others()
    {
        AssertSameKey(QueryKey.Create("todos", new { page = 1, done = true }), QueryKey.Parse(" [ \"todos\" , { \"page\" : 1.0, \"done\": true } ] "));
        AssertSameKey(QueryKey.Create(100), QueryKey.Parse("[1e2]"));
        AssertSameKey(QueryKey.Create("é"), QueryKey.Parse("[\"\\u00e9\"]"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("[1")]
    [InlineData("[1,]")]
    [InlineData("{}")]
    [InlineData("\"todos\"")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("[NaN]")]
    [InlineData("[1e400]")]
    [InlineData("[\"a\"] trailing")]
    [InlineData("[\"\\ud800\"]")]
    public void Parse_of_anything_else_throws_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => QueryKey.Parse(text));
    }

    /// <summary>
    /// A lone surrogate in the text itself (not JSON-escaped) is no key's text form: a FormatException that says so, rather
    /// than a key silently read with U+FFFD in its place. (Built in the test: xUnit's theory data would itself replace it.)
    /// </summary>
    [Fact]
    public void Parse_of_text_with_a_raw_lone_surrogate_throws_FormatException()
    {
        const char high = '\ud800', low = '\udc00';
        foreach (var text in new[] { $"[\"{high}\"]", $"[\"a{low}b\"]", $"[\"{low}{high}\"]", $"[\"ok\", \"{high}" })
        {
            var error = Assert.Throws<FormatException>(() => QueryKey.Parse(text));
            Assert.Contains("lone surrogate", error.Message, StringComparison.Ordinal);
        }

        // A well-formed pair is a character like any other.
        AssertSameKey(QueryKey.Create("\ud83d\ude00"), QueryKey.Parse("[\"\ud83d\ude00\"]"));
    }

    [Fact]
    public void Parse_rejects_null()
    {
        Assert.Throws<ArgumentNullException>(() => QueryKey.Parse(null!));
    }

    // ---- Rejections ----

    public static TheoryData<object, string> Unsupported => new()
    {
        { (Func<int>)(() => 1), "System.Func" },
        { new MemoryStream(), "System.IO.MemoryStream" },
        { Task.CompletedTask, "System.Threading.Tasks.Task" },
        { Task.FromResult(1), "System.Threading.Tasks.Task" },
        { CancellationToken.None, "System.Threading.CancellationToken" },
        { new object(), "System.Object" },
        { new NoProperties(), nameof(NoProperties) },
        { new Dictionary<int, string> { [1] = "a" }, "System.Collections.Generic.Dictionary" },
        { double.NaN, "System.Double" },
        { double.PositiveInfinity, "System.Double" },
        { float.NegativeInfinity, "System.Single" },
        { typeof(string), "System" },
        { new[] { 1 }.GetEnumerator(), "Enumerator" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_parts_throw_ArgumentException_naming_the_part_and_the_type(object part, string typeName)
    {
        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("todos", part));

        Assert.Equal("parts", ex.ParamName);
        Assert.Contains("part 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(typeName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_values_nested_in_a_part_name_that_part()
    {
        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("todos", 1, new { filter = new { callback = (Action)(() => { }) } }));

        Assert.Contains("part 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("System.Action", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dictionary_key_that_is_not_a_string_is_rejected_even_in_a_non_generic_dictionary()
    {
        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create(new Hashtable { [1] = "a" }));

        Assert.Contains("part 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Hashtable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_referring_to_itself_is_rejected()
    {
        var loop = new SelfReferencing();
        loop.Next = loop;

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("todos", loop));

        Assert.Contains("part 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SelfReferencing), ex.Message, StringComparison.Ordinal);
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_reference_cycle_is_rejected()
    {
        var a = new SelfReferencing { Name = "a" };
        var b = new SelfReferencing { Name = "b", Next = a };
        a.Next = new SelfReferencing { Name = "c", Next = b };

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create(a));

        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_containing_itself_is_rejected()
    {
        var list = new List<object> { 1 };
        list.Add(list);

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("x", "y", list));

        Assert.Contains("part 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("System.Collections.Generic.List", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_references_that_form_no_cycle_are_accepted()
    {
        var shared = new Leaf { Value = 7 };
        var key = QueryKey.Create(new Diamond { Left = shared, Right = shared }, new[] { shared, shared });

        AssertSameKey(QueryKey.Create(new { Left = new { Value = 7 }, Right = new { Value = 7 } }, new[] { new { Value = 7 }, new { Value = 7 } }), key);
    }

    [Fact]
    public void Deep_chains_of_shared_diamonds_are_refused_for_their_size_not_as_cycles()
    {
        // Each level points twice at the level below: 40 levels, 41 distinct objects, but 2^41 values written out.
        object level = new Leaf { Value = 1 };
        for (int i = 0; i < 40; i++) level = new Diamond { Left = level, Right = level };

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("deep", level));

        Assert.Contains("part 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("values once written out", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_sequence_is_refused_for_its_size()
    {
        static IEnumerable<int> Endless()
        {
            for (int i = 0; ; i++) yield return i;
        }

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create(Endless()));

        Assert.Contains("values once written out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_refused()
    {
        object nested = "bottom";
        for (int i = 0; i < 100; i++) nested = new List<object> { nested };

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create(nested));

        Assert.Contains("levels deep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moderately_deep_diamonds_are_accepted_and_equal_to_their_expansion()
    {
        object shared = new Leaf { Value = 1 };
        object expanded = new { Value = 1 };
        for (int i = 0; i < 8; i++)
        {
            shared = new Diamond { Left = shared, Right = shared };
            expanded = new { Left = expanded, Right = expanded };
        }

        AssertSameKey(QueryKey.Create(expanded), QueryKey.Create(shared));
    }

    [Fact]
    public void Deep_acyclic_nesting_is_accepted()
    {
        object nested = "bottom";
        for (int i = 0; i < 60; i++) nested = new List<object> { nested };

        var key = QueryKey.Create(nested);

        AssertSameKey(key, QueryKey.Parse(key.ToString()));
    }

    [Fact]
    public void A_throwing_property_getter_becomes_an_ArgumentException_naming_the_part_and_property()
    {
        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("a", new ThrowingProperty()));

        Assert.Contains("part 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ThrowingProperty), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Broken", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void A_sequence_that_throws_while_enumerated_becomes_an_ArgumentException_naming_the_part()
    {
        static IEnumerable<int> Broken()
        {
            yield return 1;
            throw new InvalidOperationException("enumeration bug");
        }

        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("a", Broken()));

        Assert.Contains("part 1", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }


    [Fact]
    public void Strings_with_a_lone_surrogate_are_refused_and_pairs_are_accepted()
    {
        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create("ok", "bad\ud800"));

        Assert.Contains("part 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => QueryKey.Create(new { name = "\udc00x" }));
        Assert.Equal("[\"😀\"]", QueryKey.Create("😀").ToString());
    }

    [Fact]
    public void Empty_dictionaries_with_non_string_keys_are_refused_too()
    {
        var ex = Assert.Throws<ArgumentException>(() => QueryKey.Create(new Dictionary<int, string>()));

        Assert.Contains("System.Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionaries_typed_with_object_keys_are_accepted_when_every_key_is_a_string()
    {
        AssertSameKey(QueryKey.Create(new { a = 1 }), QueryKey.Create(new Dictionary<object, int> { ["a"] = 1 }));
        Assert.Throws<ArgumentException>(() => QueryKey.Create(new Dictionary<object, int> { [1] = 1 }));
    }

    [Fact]
    public void A_list_of_key_value_pairs_is_a_sequence_not_a_dictionary()
    {
        var pairs = new List<KeyValuePair<string, int>> { new("a", 1) };

        AssertSameKey(QueryKey.Create(new object[] { new[] { new { Key = "a", Value = 1 } } }), QueryKey.Create(new object[] { pairs }));
    }

    [Fact]
    public void Json_elements_and_nodes_are_read_as_the_JSON_they_hold()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"page\":1,\"tags\":[\"a\"],\"done\":null}");
        var expected = QueryKey.Create("todos", new Dictionary<string, object?> { ["page"] = 1, ["tags"] = new[] { "a" }, ["done"] = null });

        AssertSameKey(expected, QueryKey.Create("todos", document.RootElement));
        AssertSameKey(expected, QueryKey.Create("todos", System.Text.Json.Nodes.JsonNode.Parse("{\"tags\":[\"a\"],\"page\":1.0,\"done\":null}")));
        Assert.Throws<ArgumentException>(() => QueryKey.Create(default(System.Text.Json.JsonElement)));
    }

    [Fact]
    public void Create_rejects_a_null_parts_array()
    {
        Assert.Throws<ArgumentNullException>(() => QueryKey.Create(null!));
    }

    // ---- Thread safety ----

    [Fact]
    public void Keys_made_concurrently_from_fresh_types_are_equal()
    {
        var keys = new ConcurrentBag<QueryKey>();
        Parallel.For(0, 64, i => keys.Add(QueryKey.Create("todos", new { owner = "me", page = 3, tags = new[] { "x" } }, new FilterWithTags(3, new[] { "x" }))));

        var first = keys.First();
        Assert.All(keys, k => AssertSameKey(first, k));
    }
}
