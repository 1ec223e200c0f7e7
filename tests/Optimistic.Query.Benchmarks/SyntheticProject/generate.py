#!/usr/bin/env python3
"""Generates a large synthetic C# project that uses Optimistic.Query everywhere, for measuring the analyzers' cost.

Usage: generate.py --out DIR [--files 2000] [--components] --package-version V

One shared file (a [MutationOptions] wrapper record, for `with` expressions) plus FILES-1 feature files. Each feature
file is ordinary application code (records with `with`, an API interface, key builders, a service with LINQ and async
methods over FetchQueryAsync/InvalidateQueriesAsync); about 13 in 20 also hold a mutations class with one or two
mutation definitions drawn in turn from VARIANTS: correct ones (canonical optimistic, patch + undo, non-optimistic,
method groups, local functions, a wrapper record built with `with`) and incorrect ones (missing cancel, missing
rollback, snapshot in a field, success toast, optimistic create by Kind, optimistic delete by verb, ...).
Deterministic: the same FILES gives the same project. Writes synthetic.json (counts) beside the project.

--components: a Razor class library instead (Microsoft.NET.Sdk.Razor, the ASP.NET Core shared framework): each feature
file keeps its models, API and keys, and its mutations move into the @code block of a Blazor component of its own
(Components/FnnnnNounPage.razor, with markup, a loop and an event handler), so the rules run on the Razor generator's
output. Components of files without mutations are pages with no mutation at all.
"""
import argparse
import json
import os

NOUNS = ["Invoice", "Order", "Todo", "Customer", "Ticket", "Project", "Note", "Comment", "Shipment", "Product",
         "Review", "Booking", "Payment", "Contract", "Lead", "Asset", "Campaign", "Article", "Device", "Policy",
         "Vendor", "Survey", "Report", "Budget", "Course", "Lesson", "Recipe", "Playlist", "Album", "Track",
         "Member", "Team", "Sprint", "Release", "Incident", "Alert", "Document", "Folder", "Message", "Channel"]

# Files with 0, 1 or 2 mutations, in a fixed 20-file cycle (13 mutations per 20 files).
MUTATIONS_PER_FILE = [1, 0, 1, 1, 0, 2, 0, 1, 0, 1, 1, 0, 2, 0, 1, 0, 1, 0, 1, 0]

SHARED = """using System;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;
using Optimistic.Query.Annotations;

namespace Synthetic.Shared;

/// <summary>An app-level mutation wrapper (as a team would write over the runtime); features derive theirs with `with`.</summary>
[MutationOptions]
public sealed record AppMutation<TVariables>(
    [property: MutationFunction] Func<TVariables, CancellationToken, Task<Unit>>? MutationFn = null,
    [property: MutationCallback(MutationPhase.Mutate)] Func<TVariables, Task<object?>>? OnMutateAsync = null,
    [property: MutationCallback(MutationPhase.Error)] Action<Exception, TVariables, object?>? OnError = null,
    [property: MutationCallback(MutationPhase.Settled)] Func<Exception?, TVariables, object?, Task>? OnSettledAsync = null)
{
    public async Task RunAsync(TVariables variables, CancellationToken cancellationToken = default)
    {
        object? context = OnMutateAsync is null ? null : await OnMutateAsync(variables).ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            if (MutationFn is not null) await MutationFn(variables, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            failure = error;
            OnError?.Invoke(error, variables, context);
        }
        if (OnSettledAsync is not null) await OnSettledAsync(failure, variables, context).ConfigureAwait(false);
    }
}
"""

FEATURE_HEAD = """using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;
using Synthetic.Shared;

namespace Synthetic.Features.F{i:04d};

public sealed record {E}(int Id, string Title, decimal Amount, bool Archived, DateTimeOffset UpdatedAt, IReadOnlyList<string> Tags)
{{
    public {E} Rename(string title) => this with {{ Title = title, UpdatedAt = DateTimeOffset.UtcNow }};

    public {E} Archive() => this with {{ Archived = true, UpdatedAt = DateTimeOffset.UtcNow }};
}}

public sealed record {E}Page(int Number, IReadOnlyList<{E}> Items, int Total)
{{
    public static {E}Page Empty {{ get; }} = new(1, Array.Empty<{E}>(), 0);

    public {E}Page Replace(int id, Func<{E}, {E}> change) => this with {{ Items = Items.Select(x => x.Id == id ? change(x) : x).ToList() }};

    public {E}Page Remove(int id) => this with {{ Items = Items.Where(x => x.Id != id).ToList(), Total = Total - 1 }};

    public {E}Page Prepend({E} item) => this with {{ Items = new[] {{ item }}.Concat(Items).ToList(), Total = Total + 1 }};

    public decimal ActiveTotal => Items.Where(x => !x.Archived).Sum(x => x.Amount);
}}

public sealed record Rename{E}(int Id, string Title);

public interface I{E}Api
{{
    Task<{E}Page> ListAsync(int page, CancellationToken cancellationToken);

    Task<{E}> GetAsync(int id, CancellationToken cancellationToken);

    Task<{E}> RenameAsync(Rename{E} input, CancellationToken cancellationToken);

    Task<{E}> Add{E}Async(string title, CancellationToken cancellationToken);

    Task<Unit> ArchiveAsync(int id, CancellationToken cancellationToken);

    Task<Unit> Delete{E}Async(int id, CancellationToken cancellationToken);
}}

public static class {E}Keys
{{
    public static readonly QueryKey All = QueryKey.Create("{e}s-{i}");

    public static QueryKey Page(int page) => QueryKey.Create("{e}s-{i}", "page", page);

    public static QueryKey Detail(int id) => QueryKey.Create("{e}s-{i}", "detail", id);
}}

public sealed class {E}Service(QueryClient client, I{E}Api api)
{{
    private static readonly FetchOptions s_options = new() {{ StaleTime = TimeSpan.FromSeconds({stale}), Retry = 2 }};

    public Task<{E}Page> LoadPageAsync(int page, CancellationToken cancellationToken = default) =>
        client.FetchQueryAsync({E}Keys.Page(page), ct => api.ListAsync(page, ct), s_options, cancellationToken);

    public Task<{E}> LoadAsync(int id, CancellationToken cancellationToken = default) =>
        client.FetchQueryAsync({E}Keys.Detail(id), ct => api.GetAsync(id, ct), s_options, cancellationToken);

    public async Task<IReadOnlyList<string>> TopTitlesAsync(int page, int count, CancellationToken cancellationToken = default)
    {{
        var result = await LoadPageAsync(page, cancellationToken).ConfigureAwait(false);
        return result.Items
            .Where(x => !x.Archived && x.Amount > {threshold}m)
            .OrderByDescending(x => x.Amount)
            .ThenBy(x => x.Title, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Title)
            .ToList();
    }}

    public async Task<IReadOnlyDictionary<string, decimal>> TotalsByTagAsync(int pages, CancellationToken cancellationToken = default)
    {{
        var totals = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        for (var page = 1; page <= pages; page++)
        {{
            var result = await LoadPageAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var group in result.Items.SelectMany(x => x.Tags.Select(tag => (Tag: tag, x.Amount))).GroupBy(p => p.Tag))
            {{
                var sum = group.Sum(p => p.Amount);
                totals[group.Key] = totals.TryGetValue(group.Key, out var previous) ? previous + sum : sum;
            }}
        }}
        return totals;
    }}

    public async Task<{E}?> FindAsync(string title, CancellationToken cancellationToken = default)
    {{
        var result = await LoadPageAsync(1, cancellationToken).ConfigureAwait(false);
        return (from x in result.Items
                where x.Title.Contains(title, StringComparison.OrdinalIgnoreCase)
                orderby x.UpdatedAt descending
                select x).FirstOrDefault();
    }}

    public async Task<IReadOnlyList<{E}>> LoadManyAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {{
        var tasks = ids.Distinct().Select(id => LoadAsync(id, cancellationToken)).ToArray();
        var items = await Task.WhenAll(tasks).ConfigureAwait(false);
        return items.Where(x => !x.Archived).OrderBy(x => x.Id).ToList();
    }}

    public Task RefreshAsync(CancellationToken cancellationToken = default) =>
        client.InvalidateQueriesAsync({E}Keys.All, cancellationToken: cancellationToken);

    public static string Describe({E} item) => item switch
    {{
        {{ Archived: true }} => $"{{item.Title}} (archived)",
        {{ Amount: > 1000m }} => $"{{item.Title}}: {{item.Amount:N2}}",
        _ => item.Title,
    }};
}}
"""

# Each variant: (name, expected rule or "" when correct, class members). {n} numbers the mutation within its file.
VARIANTS = [
    ("canonical", "", """
    public Mutation<Rename{E}, {E}, Snapshot<{E}Page>> Rename{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<Rename{E}, {E}, Snapshot<{E}Page>>
        {{
            MutationFn = (input, ct) => api.RenameAsync(input, ct),
            OnMutateAsync = async input =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                if (previous is not null) client.SetQueryData(key, previous.Replace(input.Id, x => x.Rename(input.Title)));
                return new Snapshot<{E}Page>(previous);
            }},
            OnError = (error, input, context) =>
            {{
                if (context?.Previous is {{ }} previous) client.SetQueryData(key, previous);
                toaster.Error("Could not rename the {e}", error);
            }},
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("missing-cancel", "OPT001", """
    public Mutation<Rename{E}, {E}, Snapshot<{E}Page>> QuickRename{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<Rename{E}, {E}, Snapshot<{E}Page>>
        {{
            MutationFn = (input, ct) => api.RenameAsync(input, ct),
            OnMutate = input =>
            {{
                var previous = client.GetQueryData<{E}Page>(key);
                if (previous is not null) client.SetQueryData(key, previous.Replace(input.Id, x => x.Rename(input.Title)));
                return new Snapshot<{E}Page>(previous);
            }},
            OnError = (error, input, context) =>
            {{
                if (context?.Previous is {{ }} previous) client.SetQueryData(key, previous);
            }},
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("patch-undo", "", """
    public Mutation<Rename{E}, {E}, PatchResult<{E}>> PatchTitle{n}() =>
        client.CreateMutation(new MutationOptions<Rename{E}, {E}, PatchResult<{E}>>
        {{
            MutationFn = (input, ct) => api.RenameAsync(input, ct),
            OnMutateAsync = async input =>
            {{
                await client.CancelQueriesAsync({E}Keys.Detail(input.Id));
                return client.UpdateQueryData<{E}>({E}Keys.Detail(input.Id), x => x with {{ Title = input.Title }});
            }},
            OnError = (error, input, patch) => patch?.Undo(),
            OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync({E}Keys.Detail(input.Id)),
        }});
"""),
    ("missing-rollback", "OPT002", """
    public Mutation<int, Unit, Snapshot<{E}Page>> ArchiveNoRollback{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<{E}Page>>
        {{
            MutationFn = (id, ct) => api.ArchiveAsync(id, ct),
            OnMutateAsync = async id =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                if (previous is not null) client.SetQueryData(key, previous.Replace(id, x => x.Archive()));
                return new Snapshot<{E}Page>(previous);
            }},
            OnError = (error, id, context) => toaster.Error("Could not archive the {e}", error),
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("non-optimistic", "", """
    public Mutation<Rename{E}, {E}, Unit> Save{n}() =>
        client.CreateMutation(new MutationOptions<Rename{E}, {E}, Unit>
        {{
            MutationFn = (input, ct) => api.RenameAsync(input, ct),
            OnSuccess = (data, input, context) => toaster.Success($"Saved {{data.Title}}"),
            OnError = (error, input, context) => toaster.Error("Could not save the {e}", error),
            OnSettledAsync = async (data, error, input, context) =>
            {{
                await client.InvalidateQueriesAsync({E}Keys.Detail(input.Id));
                await client.InvalidateQueriesAsync({E}Keys.All);
            }},
        }});
"""),
    ("snapshot-in-field", "OPT003", """
    private {E}Page? _stash{n};

    public Mutation<int, Unit, Unit> ArchiveStashed{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<int, Unit, Unit>
        {{
            MutationFn = (id, ct) => api.ArchiveAsync(id, ct),
            OnMutateAsync = async id =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                _stash{n} = previous;
                if (previous is not null) client.SetQueryData(key, previous.Replace(id, x => x.Archive()));
                return Unit.Value;
            }},
            OnError = (error, id, context) =>
            {{
                if (_stash{n} is {{ }} previous) client.SetQueryData(key, previous);
            }},
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("method-groups", "", """
    public Mutation<Rename{E}, {E}, Snapshot<{E}>> RenameDetail{n}() =>
        client.CreateMutation(new MutationOptions<Rename{E}, {E}, Snapshot<{E}>>
        {{
            MutationFn = api.RenameAsync,
            OnMutateAsync = OnRenameDetail{n}Async,
            OnError = RollbackDetail{n},
            OnSettledAsync = SettleDetail{n}Async,
        }});

    private async Task<Snapshot<{E}>> OnRenameDetail{n}Async(Rename{E} input)
    {{
        await client.CancelQueriesAsync({E}Keys.Detail(input.Id));
        var previous = client.GetQueryData<{E}>({E}Keys.Detail(input.Id));
        if (previous is not null) client.SetQueryData({E}Keys.Detail(input.Id), previous.Rename(input.Title));
        return new Snapshot<{E}>(previous);
    }}

    private void RollbackDetail{n}(Exception error, Rename{E} input, Snapshot<{E}>? context)
    {{
        if (context?.Previous is {{ }} previous) client.SetQueryData({E}Keys.Detail(input.Id), previous);
    }}

    private Task SettleDetail{n}Async({E}? data, Exception? error, Rename{E} input, Snapshot<{E}>? context) =>
        client.InvalidateQueriesAsync({E}Keys.Detail(input.Id));
"""),
    ("success-toast", "OPT004", """
    public Mutation<Rename{E}, {E}, Snapshot<{E}Page>> RenameWithToast{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<Rename{E}, {E}, Snapshot<{E}Page>>
        {{
            MutationFn = (input, ct) => api.RenameAsync(input, ct),
            OnMutateAsync = async input =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                if (previous is not null) client.SetQueryData(key, previous.Replace(input.Id, x => x.Rename(input.Title)));
                return new Snapshot<{E}Page>(previous);
            }},
            OnSuccess = (data, input, context) => toaster.Success($"Renamed to {{data.Title}}"),
            OnError = (error, input, context) =>
            {{
                if (context?.Previous is {{ }} previous) client.SetQueryData(key, previous);
                toaster.Error("Could not rename the {e}", error);
            }},
            OnSettledAsync = (data, error, input, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("wrapper-with", "", """
    private static AppMutation<int> s_defaults{n} = new(OnError: (error, id, context) => Console.Error.WriteLine(error.Message));

    public AppMutation<int> ArchiveWith{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return s_defaults{n} with
        {{
            MutationFn = (id, ct) => api.ArchiveAsync(id, ct),
            OnMutateAsync = async id =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                if (previous is not null) client.SetQueryData(key, previous.Replace(id, x => x.Archive()));
                return previous;
            }},
            OnError = (error, id, context) => client.SetQueryData(key, context as {E}Page),
            OnSettledAsync = (error, id, context) => client.InvalidateQueriesAsync(key),
        }};
    }}
"""),
    ("optimistic-create-kind", "OPT005", """
    public Mutation<string, {E}, Snapshot<{E}Page>> Create{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<string, {E}, Snapshot<{E}Page>>
        {{
            Kind = MutationKind.Create,
            MutationFn = (title, ct) => api.Add{E}Async(title, ct),
            OnMutateAsync = async title =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                var draft = new {E}(-1, title, 0m, false, DateTimeOffset.UtcNow, Array.Empty<string>());
                client.SetQueryData(key, (previous ?? {E}Page.Empty).Prepend(draft));
                return new Snapshot<{E}Page>(previous);
            }},
            OnError = (error, title, context) => client.SetQueryData(key, context?.Previous),
            OnSettledAsync = (data, error, title, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("local-functions", "", """
    public Mutation<int, Unit, Snapshot<{E}Page>> ArchiveLocal{n}(int page)
    {{
        var key = {E}Keys.Page(page);

        async Task<Snapshot<{E}Page>> Mutate(int id)
        {{
            await client.CancelQueriesAsync(key);
            var previous = client.GetQueryData<{E}Page>(key);
            if (previous is not null) client.SetQueryData(key, previous.Replace(id, x => x.Archive()));
            return new Snapshot<{E}Page>(previous);
        }}

        void Rollback(Exception error, int id, Snapshot<{E}Page>? context)
        {{
            if (context?.Previous is {{ }} previous) client.SetQueryData(key, previous);
        }}

        return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<{E}Page>>
        {{
            MutationFn = api.ArchiveAsync,
            OnMutateAsync = Mutate,
            OnError = Rollback,
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("optimistic-delete-verb", "OPT005", """
    public Mutation<int, Unit, Snapshot<{E}Page>> Delete{n}(int page)
    {{
        var key = {E}Keys.Page(page);
        return client.CreateMutation(new MutationOptions<int, Unit, Snapshot<{E}Page>>
        {{
            MutationFn = (id, ct) => api.Delete{E}Async(id, ct),
            OnMutateAsync = async id =>
            {{
                await client.CancelQueriesAsync(key);
                var previous = client.GetQueryData<{E}Page>(key);
                if (previous is not null) client.SetQueryData(key, previous.Remove(id));
                return new Snapshot<{E}Page>(previous);
            }},
            OnError = (error, id, context) =>
            {{
                if (context?.Previous is {{ }} previous) client.SetQueryData(key, previous);
            }},
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(key),
        }});
    }}
"""),
    ("method-groups-no-cancel", "OPT001", """
    public Mutation<Rename{E}, {E}, Snapshot<{E}>> RenameDetailFast{n}() =>
        client.CreateMutation(new MutationOptions<Rename{E}, {E}, Snapshot<{E}>>
        {{
            MutationFn = api.RenameAsync,
            OnMutate = OnRenameDetailFast{n},
            OnError = RollbackDetailFast{n},
            OnSettled = (data, error, input, context) => client.InvalidateQueriesAsync({E}Keys.Detail(input.Id)),
        }});

    private Snapshot<{E}> OnRenameDetailFast{n}(Rename{E} input)
    {{
        var previous = client.GetQueryData<{E}>({E}Keys.Detail(input.Id));
        if (previous is not null) client.SetQueryData({E}Keys.Detail(input.Id), previous.Rename(input.Title));
        return new Snapshot<{E}>(previous);
    }}

    private void RollbackDetailFast{n}(Exception error, Rename{E} input, Snapshot<{E}>? context)
    {{
        if (context?.Previous is {{ }} previous) client.SetQueryData({E}Keys.Detail(input.Id), previous);
    }}
"""),
    ("patch-no-cancel", "OPT001", """
    public Mutation<Rename{E}, {E}, PatchResult<{E}>> PatchTitleFast{n}() =>
        client.CreateMutation(new MutationOptions<Rename{E}, {E}, PatchResult<{E}>>
        {{
            MutationFn = (input, ct) => api.RenameAsync(input, ct),
            OnMutate = input => client.UpdateQueryData<{E}>({E}Keys.Detail(input.Id), x => x with {{ Title = input.Title }}),
            OnError = (error, input, patch) => patch?.Undo(),
            OnSettledAsync = (data, error, input, patch) => client.InvalidateQueriesAsync({E}Keys.Detail(input.Id)),
        }});
"""),
]

CSPROJ_PACKAGE = """<Project Sdk="Microsoft.NET.Sdk">
  <!-- Generated by tests/Optimistic.Query.Benchmarks/SyntheticProject/generate.py: references the packed runtime,
       which brings the analyzers (analyzers/dotnet/cs of Optimistic.Query.Analyzers) as it does for users. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
    <!-- The SDK's own analyzers are off unless the caller passes -p:EnableNETAnalyzers=true (comparison run). -->
    <EnableNETAnalyzers>false</EnableNETAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Optimistic.Query" Version="{version}" />
  </ItemGroup>
</Project>
"""


CSPROJ_COMPONENTS = CSPROJ_PACKAGE.replace('<Project Sdk="Microsoft.NET.Sdk">', '<Project Sdk="Microsoft.NET.Sdk.Razor">').replace(
    """  <ItemGroup>
    <PackageReference""", """  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
    <PackageReference""")

COMPONENT = """@page "/f{i:04d}"
@using System.Collections.Generic
@using System.Threading.Tasks
@using Optimistic.Query
@using Synthetic.Shared
@using Synthetic.Features.F{i:04d}
@inject QueryClient client
@inject I{E}Api api
@inject IToaster toaster

<h3>{E} list</h3>
<ul>
    @foreach (var item in items)
    {{
        <li @key="item.Id">@item.Title (@item.Amount)</li>
    }}
</ul>
<button @onclick="RefreshAsync">Refresh</button>

@code {{
    private List<{E}> items = new();

    private Task RefreshAsync() => client.InvalidateQueriesAsync({E}Keys.All);
{members}}}
"""


def feature_file(i, first_mutation, components=False):
    noun = NOUNS[i % len(NOUNS)]
    fmt = {"E": noun, "e": noun.lower(), "i": i, "stale": 30 + i % 60, "threshold": i % 100}
    text = FEATURE_HEAD.format(**fmt)
    count = MUTATIONS_PER_FILE[i % len(MUTATIONS_PER_FILE)]
    used = []
    if count:
        members = []
        for n in range(count):
            name, rule, template = VARIANTS[(first_mutation + n) % len(VARIANTS)]
            used.append((name, rule))
            members.append(template.format(n=n, **fmt))
        if components:
            return noun, text, used, COMPONENT.format(members="".join(members), **fmt)
        text += ("\npublic sealed class {E}Mutations(QueryClient client, I{E}Api api, IToaster toaster)\n{{"
                 .format(**fmt) + "".join(members) + "}\n")
    if components:
        return noun, text, used, COMPONENT.format(members="", **fmt)
    return noun, text, used


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--package-version", required=True, help="version of the packed Optimistic.Query package")
    parser.add_argument("--components", action="store_true", help="a Razor class library: the mutations in components")
    args = parser.parse_args()
    if args.files < 2:
        parser.error("--files must be at least 2")

    os.makedirs(os.path.join(args.out, "Features"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "Shared"), exist_ok=True)
    with open(os.path.join(args.out, "Synthetic.csproj"), "w") as f:
        f.write((CSPROJ_COMPONENTS if args.components else CSPROJ_PACKAGE).format(version=args.package_version))
    if args.components:
        os.makedirs(os.path.join(args.out, "Components"), exist_ok=True)
    with open(os.path.join(args.out, "Shared", "AppMutation.cs"), "w") as f:
        f.write(SHARED)

    mutations, by_variant, lines = 0, {}, SHARED.count("\n")
    for i in range(1, args.files):
        noun, text, used, *component = feature_file(i, mutations, args.components)
        with open(os.path.join(args.out, "Features", f"F{i:04d}{noun}.cs"), "w") as f:
            f.write(text)
        if component:
            with open(os.path.join(args.out, "Components", f"F{i:04d}{noun}Page.razor"), "w") as f:
                f.write(component[0])
        lines += text.count("\n")
        for name, rule in used:
            by_variant.setdefault(name, {"rule": rule, "count": 0})["count"] += 1
        mutations += len(used)

    summary = {"files": args.files, "components": args.files - 1 if args.components else 0, "mutations": mutations, "lines": lines,
               "incorrect": sum(v["count"] for v in by_variant.values() if v["rule"]),
               "variants": by_variant}
    with open(os.path.join(args.out, "synthetic.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"generated {args.files} files, {mutations} mutations, {lines} lines in {args.out}")


if __name__ == "__main__":
    main()
