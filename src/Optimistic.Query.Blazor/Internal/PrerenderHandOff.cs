using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Components;
using Optimistic.Query.Persistence;

namespace Optimistic.Query.Blazor.Internal;

/// <summary>
/// Hands the queries fetched while prerendering to the interactive render, through <see cref="PersistentComponentState"/>
/// (one per prerendered request and one per circuit, so one hand-off each).
/// </summary>
/// <remarks>
/// While prerendering, the components record the keys they observe; when the framework persists component state, those
/// queries are dehydrated into it. When the interactive render starts, the first component to attach hydrates the client
/// from it; the first observer of each handed-over key then treats its data as fresh, so the page load costs one server
/// fetch even with the client's default stale time of zero. Later observers, invalidations and refetches behave as usual.
/// </remarks>
internal sealed class PrerenderHandOff
{
    internal const string StateKey = "Optimistic.Query.Prerendered";

    private static readonly ConditionalWeakTable<PersistentComponentState, PrerenderHandOff> HandOffs = new();

    private readonly QueryClient _client;
    private readonly PersistentComponentState _state;
    private readonly object _gate = new();
    private readonly HashSet<QueryKey> _observed = new();
    private readonly HashSet<QueryKey> _handedOver = new();
    private bool _persisted;

    private PrerenderHandOff(QueryClient client, PersistentComponentState state)
    {
        _client = client;
        _state = state;
        TakeHandedOver();
    }

    /// <summary>The hand-off of <paramref name="state"/>; null when it already serves another client.</summary>
    public static PrerenderHandOff? For(QueryClient client, PersistentComponentState state)
    {
        var handOff = HandOffs.GetValue(state, s => new PrerenderHandOff(client, s));
        return ReferenceEquals(handOff._client, client) ? handOff : null;
    }

    /// <summary>Records a key a component observes, to be handed over if the framework persists this render.</summary>
    public void Track(QueryKey key)
    {
        lock (_gate) _observed.Add(key);
    }

    /// <summary>
    /// For the first observer of a key handed over by prerendering: <paramref name="options"/> with an infinite stale
    /// time, so that observer does not refetch what prerendering just fetched. Otherwise <paramref name="options"/>.
    /// </summary>
    public FetchOptions? OptionsForFirstObserver(QueryKey key, FetchOptions? options)
    {
        lock (_gate)
        {
            if (!_handedOver.Remove(key)) return options;
        }
        return new FetchOptions
        {
            StaleTime = TimeSpan.MaxValue,
            GcTime = options?.GcTime,
            Retry = options?.Retry,
            RetryDelay = options?.RetryDelay,
            Tags = options?.Tags,
        };
    }

    /// <summary>Dehydrates the observed queries into the persisted component state, once per render.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Persists a string, which the trimmer always keeps.")]
    public void Persist()
    {
        HashSet<QueryKey> observed;
        lock (_gate)
        {
            // Every attached component registers a callback (the framework needs a component as the callback's target to
            // know its render mode); the first one persists for all.
            if (_persisted) return;
            _persisted = true;
            observed = new HashSet<QueryKey>(_observed);
        }
        var snapshot = _client.Dehydrate(new DehydrateOptions { ShouldDehydrate = (key, _) => observed.Contains(key) });
        if (snapshot.Queries.Count == 0) return;
        _state.PersistAsJson(StateKey, Encoding.UTF8.GetString(snapshot.ToUtf8Json()));
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reads a string, which the trimmer always keeps.")]
    private void TakeHandedOver()
    {
        if (!_state.TryTakeFromJson<string>(StateKey, out var json) || json is null) return;
        if (!DehydratedState.TryParse(Encoding.UTF8.GetBytes(json), out var snapshot, out var error))
        {
            BlazorLog.HandOffRejected(_client.Options.Logger, error);
            return;
        }
        _client.Hydrate(snapshot);
        foreach (var query in snapshot.Queries) _handedOver.Add(query.Key);
    }
}
