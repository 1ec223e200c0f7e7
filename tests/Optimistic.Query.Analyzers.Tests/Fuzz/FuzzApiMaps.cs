using Optimistic.Query.Analyzers.Tests.ThirdParty;

namespace Optimistic.Query.Analyzers.Tests.Fuzz;

/// <summary>
/// Odd global-config API maps (<c>optimistic_query.api.*</c>): hand-written ones for each way a map goes wrong (garbage
/// values, unknown types, wrong documentation IDs, huge lists, duplicate keys, key parameters out of range or negative,
/// empty values, roles confused, BCL methods mapped; key types, filter members, mutation_arguments methods and invalidating
/// properties of the wrong kind) and random ones drawn from valid and invalid entries. Every map is a
/// complete global config (the harness adds <c>is_global = true</c> when it lacks it).
/// </summary>
internal static class FuzzApiMaps
{
    private const string P = "optimistic_query.api.";

    private static readonly string[] s_methodKeys =
    {
        "read", "write", "patch", "layer", "layer_rollback", "layer_commit", "cancel", "invalidate", "toast.success", "toast.error", "key_factory",
        "mutation_invalidates.success", "mutation_invalidates.error", "mutation_invalidates.settled", "mutation_arguments",
    };

    private static readonly string[] s_memberKeys =
    {
        "mutation_function", "callback.mutate", "callback.success", "callback.error", "callback.settled", "mutation_kind",
        "invalidate_property.success", "invalidate_property.error", "invalidate_property.settled",
    };

    /// <summary>Keys whose value is a type member, <c>Ns.Type.Member</c>.</summary>
    private static readonly string[] s_typeMemberKeys = { "filter_key", "filter_exact" };

    public static IReadOnlyList<string> AllKeys { get; } =
        s_methodKeys.Concat(s_memberKeys).Concat(s_typeMemberKeys).Concat(new[] { "key_parameter", "mutation_options", "key_type" }).ToList();

    /// <summary>Filter members (<c>filter_key</c>, <c>filter_exact</c>): right, and wrong in every way (a method, a type, no member, nested, an ID).</summary>
    private static readonly string[] s_filterMembers =
    {
        "QwikQuery.QueryFilters.QueryKey", "QwikQuery.QueryFilters.Exact", "QueryKey", "Exact", "QwikQuery.QueryFilters", "QwikQuery.QueryFilters.",
        "QwikQuery.QueryFilters.Nope", "QwikQuery.QueryFilters.QueryKey.Extra", "QwikQuery.QueryKey.Add", "QwikQuery.QueryClient.CancelQueries",
        "P:QwikQuery.QueryFilters.QueryKey", "QwikQuery.QueryFilters`1.QueryKey", "QwikQuery.QueryFilters`99999999999.Exact", "RabstackQuery.MutationContext.Attempt",
        "System.String.Length", "System.Object.ToString", "Nope.Filters.Key", ".QueryKey", "QwikQuery..QueryFilters.QueryKey", "QwikQuery.QueryFilters+Inner.Key",
    };

    /// <summary>Key types (<c>key_type</c>): the stand-ins' keys, arrays, and types that are not keys at all.</summary>
    private static readonly string[] s_keyTypes =
    {
        "QwikQuery.QueryKey", "T:QwikQuery.QueryKey", "System.Object[]", "T:System.Object[]", "System.Object[][]", "System.String[]", "System.Int32[]", "System.Object[,]",
        "System.String", "System.Int32", "System.Object", "QwikQuery.QueryFilters", "QwikQuery.QueryClient", "Optimistic.Query.QueryKey", "System.Collections.Generic.List`1",
        "System.Collections.Generic.List`1[System.Object]", "QwikQuery.QueryKey[]", "QwikQuery.QueryKey`1", "M:QwikQuery.QueryKey.#ctor", "Nope.Key", "[]", "System.Object[",
    };

    private static readonly string[] s_validMethods =
    {
        "M:RabstackQuery.QueryClient.GetQueryData``1(System.Object[])", "RabstackQuery.QueryClient.GetQueryData", "RabstackQuery.QueryClient.SetQueryData",
        "RabstackQuery.QueryClient.UpdateQueryData", "RabstackQuery.QueryClient.CancelQueries", "RabstackQuery.QueryClient.InvalidateQueriesAsync",
        "RabstackQuery.QueryClient.InvalidateAllAsync", "RabstackQuery.QueryKeys.Of", "RabstackQuery.QueryClient.UsePluginMutation",
        "RabstackQuery.QueryClient.CreateMutation", "M:RabstackQuery.Toasts.Success(System.String)", "RabstackQuery.Toasts.Error", "RabstackQuery.Patch.Undo",
        "RabstackQuery.Layers.Push", "RabstackQuery.Layer.Drop", "RabstackQuery.Layer.Keep",
        "Optimistic.Query.QueryClient.SetQueryData", "Optimistic.Query.QueryClient.GetQueryData", "Optimistic.Query.QueryClient.CancelQueriesAsync",
        "Optimistic.Query.QueryKey.Create", "Optimistic.Query.IToaster.Success", "Optimistic.Query.OptimisticLayer`1.Rollback",
        "QwikQuery.QueryClient.UseMutation", "QwikQuery.QueryClient.GetQueryData", "QwikQuery.QueryClient.SetQueryData", "QwikQuery.QueryClient.CancelQueries",
        "QwikQuery.QueryClient.InvalidateQueries", "QwikQuery.Toasts.Success", "QwikQuery.QueryKey.Add",
    };

    /// <summary>Documentation IDs and names that look right and are not (arity, parameter types, kinds, nesting, syntax).</summary>
    private static readonly string[] s_wrongIds =
    {
        "M:RabstackQuery.QueryClient.GetQueryData(System.Object[])", "M:RabstackQuery.QueryClient.GetQueryData``2(System.Object[])",
        "M:RabstackQuery.QueryClient.GetQueryData``1(System.Object[]", "M:RabstackQuery.QueryClient.GetQueryData``1(System.Int32)",
        "M:RabstackQuery.QueryClient.SetQueryData``1(System.Object[],``0)", "M:RabstackQuery.QueryClient.SetQueryData``1(System.Object[],``1)",
        "M:RabstackQuery.QueryClient.UpdateQueryData``1(System.Func{``0,``0},System.Object[])", "M:RabstackQuery.QueryClient.UpdateQueryData``1(System.Func{``0,``0,System.Object[])",
        "M:RabstackQuery.QueryClient.#ctor", "M:RabstackQuery.QueryClient.#ctor(System.Int32)", "M:RabstackQuery.QueryClient.CancelQueries(System.Object[])~System.Void",
        "T:RabstackQuery.QueryClient", "P:RabstackQuery.MutationOptions`2.OnMutate", "F:RabstackQuery.Operation.Create", "N:RabstackQuery", "E:RabstackQuery.QueryClient.Changed",
        "!:RabstackQuery.QueryClient.GetQueryData", "M:", "M:.", "M:(", "M:RabstackQuery.QueryClient.", "RabstackQuery.QueryClient", "RabstackQuery",
        "RabstackQuery.QueryClient`1.GetQueryData", "RabstackQuery.QueryClient`99999999999.GetQueryData", "RabstackQuery.QueryClient`-1.GetQueryData",
        "RabstackQuery.QueryClient+Inner.Get", "RabstackQuery+QueryClient.GetQueryData", "RabstackQuery.QueryClient.GetQueryData<T>", "RabstackQuery.QueryClient.GetQueryData()",
        "RabstackQuery.QueryClient.get_Item", "RabstackQuery.MutationOptions`2.get_OnMutate", "RabstackQuery.MutationOptions`2.set_OnMutate",
        "global::RabstackQuery.QueryClient.SetQueryData", "rabstackquery.queryclient.setquerydata", "RabstackQuery.QueryClient.SetQueryData ", " RabstackQuery..QueryClient",
        "M:RabstackQuery.QueryKeys.Of(System.Object[])", "M:RabstackQuery.QueryKeys.Of(params System.Object[])", "M:RabstackQuery.QueryClient.GetQueryData``1(System.Object[])(System.Object[])",
    };

    /// <summary>Mapped BCL members: overrides and interface implementations are mapped with them, so these reach every type.</summary>
    private static readonly string[] s_bclMethods =
    {
        "System.Object.ToString", "System.Object.Equals", "System.Object.GetHashCode", "System.IDisposable.Dispose", "System.String.Concat",
        "System.Threading.Tasks.Task.Run", "System.Threading.Tasks.Task.FromResult", "System.Console.WriteLine", "System.Func`2.Invoke", "System.Action`4.Invoke",
        "System.Array.ConvertAll", "M:System.String.Concat(System.Object[])", "System.Collections.Generic.IEnumerable`1.GetEnumerator", "System.Nullable`1.get_Value",
    };

    private static readonly string[] s_garbage =
    {
        "", " ", ",", ",,,", "`", "``1", "a`b`c.d", ".", "..", ".A", "A.", "A..B", ":::", "M:((", "#", ";", "=", "[", "]", "\\", "\"\"", "'", "*", "?", "null",
        "Ünïcödé.Ⅻ.𝒜dd", "RabstackQuery.QueryClient.\u0000", "\t", "1On Error", "-", "+", "0", "-1", "2147483648", "NaN", "true", "<>c.<M>b__0_0",
    };

    private static readonly string[] s_types =
    {
        "RabstackQuery.MutationOptions`2", "T:RabstackQuery.MutationOptions`2", "RabstackQuery.MutationOptions", "RabstackQuery.MutationOptions`1",
        "RabstackQuery.MutationOptions`3", "RabstackQuery.MutationOptions`-1", "RabstackQuery.MutationOptions`99999999999", "T:RabstackQuery.MutationOptions`2.Nope",
        "RabstackQuery.QueryClient", "RabstackQuery.Mutation`2", "RabstackQuery.Operation", "RabstackQuery.MutationContext", "System.Object", "System.String",
        "System.Nullable`1", "T:System.Func`3", "System.ValueTuple`2", "Optimistic.Query.MutationOptions`3", "T:Optimistic.Query.MutationOptions`3",
        "M:RabstackQuery.QueryClient.CancelQueries(System.Object[])", "RabstackQuery.MutationOptions<TVariables, TData>", "Nope.Options`2", "T:", "T:`2",
    };

    private static readonly string[] s_members =
    {
        "MutationFn", "OnMutate", "OnMutateAsync", "OnSuccess", "OnError", "OnSettledAsync", "OnSettled", "Op", "Kind", "Attempt", "Undo",
        "onMutate", "ONMUTATE", "On Mutate", "1On", "@OnMutate", "On-Mutate", "Equals", "GetHashCode", "ToString", "Item", "this[]", "get_OnMutate",
        "RabstackQuery.MutationOptions`2.OnMutate", "P:RabstackQuery.MutationOptions`2.OnMutate", "_", "__", "OnMutate\u200B",
        "InvalidateKeys", "QueryKey", "Exact", "MutationFn, InvalidateKeys",
    };

    private static readonly string[] s_keyParameters =
    {
        "queryKey", "target", "recipe", "data", "options", "parts", "queryKey, target", "nope, queryKey", "QueryKey", "0", "1", "2", "3", "-1", "-0", "+1",
        "99", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "1.0", "1e3", "0x1", " 1 ", "1,0", "0, queryKey", "١", "𝟙", "", ",",
    };

    /// <summary>The hand-written maps, then <paramref name="randomCount"/> random ones.</summary>
    public static IEnumerable<(string Name, string GlobalConfig)> All(int randomCount)
    {
        var valid = StandIn.GlobalConfig;
        var validLines = valid.Split('\n').Where(l => l.StartsWith(P, StringComparison.Ordinal)).ToList();
        string Map(IEnumerable<string> lines) => "is_global = true\n" + string.Join("\n", lines) + "\n";

        // Garbage values for every key (one garbage value per key, rotated).
        yield return ("map:garbage", Map(AllKeys.Select((k, i) => $"{P}{k} = {s_garbage[i % s_garbage.Length]}, {s_garbage[(i * 7 + 3) % s_garbage.Length]}")));

        // Unknown types and members everywhere.
        yield return ("map:unknown-types", Map(
            s_methodKeys.Select(k => $"{P}{k} = Nope.Client.Get, M:Nope.Client.Get(System.Int32), RabstackQuery.Nope.Get, RabstackQuery.QueryClient.Nope")
                .Concat(s_memberKeys.Select(k => $"{P}{k} = Nope, NotAProperty"))
                .Concat(new[] { $"{P}mutation_options = Nope.Options`2, T:RabstackQuery.Nope`2, RabstackQuery.MutationOptions`7", $"{P}key_parameter = nope", $"{P}key_parameter.Nope.Client.Get = 0" })));

        // Wrong documentation IDs for every method key, with the valid map's other keys.
        yield return ("map:wrong-doc-ids", Map(
            validLines.Where(l => !s_methodKeys.Any(k => l.StartsWith(P + k + " ", StringComparison.Ordinal)))
                .Concat(s_methodKeys.Select((k, i) => $"{P}{k} = " + string.Join(", ", s_wrongIds.Skip(i * 3 % s_wrongIds.Length).Take(6))))));

        // Huge lists: thousands of entries (the valid ones among them), a very long single entry, a huge key-parameter list.
        yield return ("map:huge-lists", Map(
            s_methodKeys.Select((k, i) => $"{P}{k} = " + string.Join(", ", Enumerable.Range(0, 1000).Select(j => j % 97 == 0 ? s_validMethods[(i + j) % s_validMethods.Length] : $"RabstackQuery.QueryClient.M{j}")))
                .Concat(s_memberKeys.Select(k => $"{P}{k} = " + string.Join(",", Enumerable.Repeat("OnMutate,OnError,Nope", 400))))
                .Concat(new[]
                {
                    $"{P}mutation_options = " + string.Join(", ", Enumerable.Repeat("RabstackQuery.MutationOptions`2", 1000)),
                    $"{P}key_parameter = " + string.Join(", ", Enumerable.Range(0, 2000).Select(j => "p" + j)) + ", queryKey",
                    $"{P}key_factory = RabstackQuery." + new string('Q', 5000) + ".Of",
                })));

        // Duplicate keys: the valid map, then each key again with another value (and in another case), in either order.
        yield return ("map:duplicate-keys", valid + string.Join("\n", validLines.Select((l, i) =>
            l[..l.IndexOf('=')] + "= " + (i % 2 == 0 ? s_wrongIds[i % s_wrongIds.Length] : string.Empty))) + "\n"
            + string.Join("\n", validLines.Select(l => l.ToUpperInvariant())) + "\n");
        yield return ("map:duplicate-keys-reversed", Map(validLines.Select(l => l[..l.IndexOf('=')] + "= Nope").Concat(validLines).Concat(validLines)));

        // Key parameters out of range, by default and per method.
        yield return ("map:key-parameter-out-of-range", valid.Replace("key_parameter = queryKey", "key_parameter = 99", StringComparison.Ordinal)
            .Replace("UpdateQueryData = 1", "UpdateQueryData = 2147483647", StringComparison.Ordinal)
            + $"{P}key_parameter.RabstackQuery.QueryClient.SetQueryData = 2\n{P}key_parameter.RabstackQuery.QueryClient.GetQueryData = 1\n"
            + $"{P}key_parameter.RabstackQuery.QueryClient.InvalidateAllAsync = 0\n{P}key_parameter.RabstackQuery.QueryKeys.Of = 5\n"
            + $"{P}key_parameter.RabstackQuery.QueryClient.CancelQueries = 99999999999999999999\n{P}key_parameter.RabstackQuery.Layers.Push = 3\n");

        // Negative (and otherwise odd) indexes.
        yield return ("map:negative-indexes", valid.Replace("key_parameter = queryKey", "key_parameter = -1", StringComparison.Ordinal)
            .Replace("UpdateQueryData = 1", "UpdateQueryData = -2147483648", StringComparison.Ordinal)
            + $"{P}key_parameter.RabstackQuery.QueryClient.SetQueryData = -0\n{P}key_parameter.RabstackQuery.QueryClient.GetQueryData = +1\n"
            + $"{P}key_parameter.RabstackQuery.QueryClient.CancelQueries = - 1\n{P}key_parameter.RabstackQuery.QueryClient.InvalidateQueriesAsync = -99999999999\n"
            + $"{P}key_parameter.RabstackQuery.Layers.Push = 1e3\n{P}key_parameter.RabstackQuery.QueryClient.UsePluginMutation = 0x1\n");

        // Empty values: every key present and empty, and empty overrides.
        yield return ("map:empty-values", Map(AllKeys.Select(k => $"{P}{k} =")
            .Concat(new[] { $"{P}key_parameter. = 0", $"{P}key_parameter.. = 1", $"{P}key_parameter.RabstackQuery.QueryClient.SetQueryData =", $"{P} = x", $"{P}callback. = OnMutate", $"{P}toast. = x" })));
        yield return ("map:valid-with-empty-values", valid.Replace("= queryKey", "=", StringComparison.Ordinal).Replace("= OnError", "= ,", StringComparison.Ordinal)
            .Replace("= RabstackQuery.MutationOptions`2", "= ", StringComparison.Ordinal));

        // Roles confused: one method in every role, property names swapped, wrappers that take no options, key factories that are not params.
        yield return ("map:confused-roles", Map(
            s_methodKeys.Select(k => $"{P}{k} = RabstackQuery.QueryClient.SetQueryData, RabstackQuery.QueryClient.CancelQueries, RabstackQuery.QueryKeys.Of, RabstackQuery.Patch.Undo")
                .Concat(new[]
                {
                    $"{P}mutation_options = RabstackQuery.MutationOptions`2, RabstackQuery.QueryClient, RabstackQuery.MutationContext",
                    $"{P}mutation_function = OnMutate, OnError",
                    $"{P}callback.mutate = MutationFn, OnSettledAsync, Op",
                    $"{P}callback.success = OnMutate",
                    $"{P}callback.error = OnMutate, OnError, Attempt",
                    $"{P}callback.settled = OnError, MutationFn",
                    $"{P}mutation_kind = OnError",
                    $"{P}key_parameter = recipe, data, options",
                    $"{P}key_parameter.RabstackQuery.QueryClient.SetQueryData = data",
                    $"{P}key_parameter.RabstackQuery.QueryKeys.Of = parts",
                })));

        // BCL members mapped (with the valid map): overrides and implementations everywhere become cache operations.
        yield return ("map:bcl-methods", valid + string.Join("\n", s_methodKeys.Select((k, i) => $"{P}{k} = " + string.Join(", ", s_bclMethods.Skip(i % s_bclMethods.Length).Concat(s_bclMethods.Take(i % s_bclMethods.Length)).Take(5))))
            + $"\n{P}mutation_options = System.Object, System.String, T:System.Func`3\n{P}key_parameter = 0\n{P}mutation_kind = Length\n");

        // The runtime's own API mapped again, and the map in a section (where it does not apply), and keys in odd case.
        yield return ("map:runtime-remapped", Map(new[]
        {
            $"{P}read = Optimistic.Query.QueryClient.GetQueryData", $"{P}write = Optimistic.Query.QueryClient.CancelQueriesAsync",
            $"{P}cancel = Optimistic.Query.QueryClient.SetQueryData", $"{P}layer_rollback = Optimistic.Query.OptimisticLayer`1.Commit",
            $"{P}mutation_options = Optimistic.Query.MutationOptions`3", $"{P}callback.error = OnSuccess", $"{P}callback.success = OnError, OnErrorAsync",
            $"{P}key_parameter = 1", $"{P}mutation_kind = Kind, Kind", $"{P}toast.success = Optimistic.Query.IToaster.Error",
        }));
        yield return ("map:sectioned-and-cased", "is_global = true\n" + valid.Replace("optimistic_query.api.", "OPTIMISTIC_QUERY.Api.", StringComparison.Ordinal).Replace("is_global = true\n", string.Empty, StringComparison.Ordinal)
            + "[/0/Test0.cs]\n" + string.Join("\n", validLines.Select(l => l.Replace("RabstackQuery", "Nope", StringComparison.Ordinal))) + "\n");

        // The newer keys (key_type, filters, mutation_arguments, invalidate_property.*, layer_commit): the second stand-in's map,
        // then every one of them with values of the wrong kind, and both stand-ins' maps merged (each library then half-mapped).
        var shapes = StandInShapes.GlobalConfig;
        var shapesLines = shapes.Split('\n').Where(l => l.StartsWith(P, StringComparison.Ordinal)).ToList();
        yield return ("map:shapes-valid", shapes);
        yield return ("map:shapes-wrong-kinds", Map(shapesLines.Where(l => !l.Contains("key_type", StringComparison.Ordinal) && !l.Contains("filter_", StringComparison.Ordinal)
                && !l.Contains("mutation_arguments", StringComparison.Ordinal) && !l.Contains("invalidate_property", StringComparison.Ordinal))
            .Concat(new[]
            {
                $"{P}key_type = QwikQuery.QueryFilters, System.String, System.Object[][], M:QwikQuery.QueryKey.#ctor, QwikQuery.QueryClient",
                $"{P}filter_key = QwikQuery.QueryKey.Add, QwikQuery.QueryFilters, QwikQuery.QueryFilters.Exact, QwikQuery.QueryFilters.QueryKey",
                $"{P}filter_exact = QwikQuery.QueryFilters.QueryKey, QwikQuery.QueryFilters.Nope, System.String.Length",
                $"{P}mutation_arguments = QwikQuery.QueryClient.GetQueryData, QwikQuery.QueryClient.UseMutation, System.Threading.Tasks.Task.Run, QwikQuery.QueryKey.#ctor",
                $"{P}invalidate_property.settled = OnMutate, InvalidateKeys, MutationFn",
                $"{P}invalidate_property.success = Exact, QueryKey, InvalidateKeys",
                $"{P}invalidate_property.error = OnError",
                $"{P}invalidate_property. = InvalidateKeys",
                $"{P}invalidate_property.nope = InvalidateKeys",
                $"{P}layer_commit = QwikQuery.QueryClient.CancelQueries, QwikQuery.QueryClient.SetQueryData",
                $"{P}filter_key.QwikQuery.QueryFilters = QueryKey",
            })));
        yield return ("map:shapes-key-type-is-filter", Map(shapesLines
            .Select(l => l.Replace("key_type = QwikQuery.QueryKey", "key_type = QwikQuery.QueryFilters, QwikQuery.QueryKey, System.Object[]", StringComparison.Ordinal))
            .Append($"{P}filter_key = QwikQuery.QueryKey.Add")
            .Append($"{P}filter_exact = QwikQuery.QueryFilters.Exact, QwikQuery.QueryFilters.Exact")));
        yield return ("map:both-stand-ins", Map(validLines.Concat(shapesLines)));

        var random = new Random(FuzzSettings.Seed ^ FuzzSettings.StableHash("api-maps"));
        for (var i = 0; i < randomCount; i++)
        {
            yield return ($"map:random#{i}", RandomMap(random, i % 2 == 0 ? valid : "is_global = true\n"));
        }
    }

    /// <summary>A map drawn from valid and invalid entries for each key, sometimes duplicated, sometimes with per-method overrides.</summary>
    private static string RandomMap(Random random, string start)
    {
        var lines = new List<string>();
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        string List(Func<string> entry)
        {
            var count = random.Next(12) == 0 ? 300 + random.Next(700) : 1 + random.Next(4);
            return string.Join(random.Next(4) == 0 ? "," : ", ", Enumerable.Range(0, count).Select(_ => random.Next(5) == 0 ? Pick(s_garbage) : entry()));
        }

        string Method() => random.Next(3) switch { 0 => Pick(s_validMethods), 1 => Pick(s_wrongIds), _ => random.Next(2) == 0 ? Pick(s_bclMethods) : Pick(s_validMethods) };

        foreach (var key in s_methodKeys.Concat(s_memberKeys).Concat(s_typeMemberKeys).Concat(new[] { "key_parameter", "mutation_options", "key_type" }))
        {
            var repeats = random.Next(10) == 0 ? 2 : random.Next(3) == 0 ? 0 : 1;
            for (var r = 0; r < repeats; r++)
            {
                var value = key switch
                {
                    "key_parameter" => Pick(s_keyParameters),
                    "mutation_options" => List(() => Pick(s_types)),
                    "key_type" => List(() => Pick(s_keyTypes)),
                    _ when s_typeMemberKeys.Contains(key) => List(() => Pick(s_filterMembers)),
                    _ when s_memberKeys.Contains(key) => List(() => Pick(s_members)),
                    _ => List(Method),
                };
                var written = random.Next(8) == 0 ? (P + key).ToUpperInvariant() : P + key;
                lines.Add($"{written} = {value}");
            }
        }

        for (var n = random.Next(4); n > 0; n--)
        {
            var method = Pick(s_validMethods);
            lines.Add($"{P}key_parameter.{(method.StartsWith("M:", StringComparison.Ordinal) ? method[2..] : method)} = {Pick(s_keyParameters)}");
        }

        return start + string.Join("\n", lines.OrderBy(_ => random.Next())) + "\n";
    }
}
