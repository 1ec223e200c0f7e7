namespace Optimistic.Query.Tests.Layers;

/// <summary>What one overlapping mutation of a schedule does: toggle <see cref="Item"/>; the server accepts it or not.</summary>
internal sealed record ScheduledMutation(int Item, bool Succeeds);

internal enum StepKind
{
    /// <summary>OnMutate: cancel the key's fetches, write the toggle optimistically.</summary>
    Mutate,

    /// <summary>MutationFn reaches the server: the server applies the toggle (success) or refuses it.</summary>
    Resolve,

    /// <summary>OnSuccess (commit) or OnError (rollback).</summary>
    Settle,

    /// <summary>OnSettled: invalidate the key (refetch, replacing a fetch in flight when there is data).</summary>
    Invalidate,

    /// <summary>Some other reader refetches (joins a fetch in flight).</summary>
    Refetch,

    /// <summary>A fetch's answer arrives (ignored by the cache when that fetch was cancelled or replaced).</summary>
    Land,
}

/// <summary>One step of a schedule: a mutation's step (<see cref="Target"/> = its index), or a fetch landing (the fetch's ordinal).</summary>
internal readonly record struct Step(StepKind Kind, int Target)
{
    public override string ToString() => $"{Kind}({Target})";
}

/// <summary>
/// The specification the cache must meet, as a reference model: the base is server truth as fetched (plus committed
/// layers), readers see the base with the pending toggles applied in order, and fetches follow TanStack's rules (a
/// refetch joins the fetch in flight; an invalidation replaces it when there is data; a cancel drops it).
/// </summary>
internal sealed class LayerSpecModel
{
    private readonly ScheduledMutation[] _mutations;

    public LayerSpecModel(string truth, ScheduledMutation[] mutations)
    {
        Truth = truth;
        _mutations = mutations;
        Stages = new int[mutations.Length];
    }

    public string Truth { get; private set; }

    public string? Base { get; private set; }

    public List<int> Pending { get; } = new();

    /// <summary>The fetch the cache would accept, by ordinal; null when none is in flight.</summary>
    public int? Current { get; private set; }

    /// <summary>Every fetch started: the truth it captured, and whether it has landed.</summary>
    public List<(string Captured, bool Landed)> Fetches { get; } = new();

    /// <summary>Per mutation: how many of its four steps (Mutate, Resolve, Settle, Invalidate) ran.</summary>
    public int[] Stages { get; }

    public bool AllDone => Stages.All(s => s == 4);

    public string? Visible => Base is null ? null : Pending.Aggregate(Base, (s, m) => Bits.Toggle(s, _mutations[m].Item));

    /// <summary>The steps available now.</summary>
    public List<Step> Available()
    {
        var steps = new List<Step>();
        for (int m = 0; m < Stages.Length; m++)
        {
            if (Stages[m] < 4) steps.Add(new Step((StepKind)Stages[m], m));
        }
        steps.Add(new Step(StepKind.Refetch, -1));
        for (int f = 0; f < Fetches.Count; f++)
        {
            if (!Fetches[f].Landed) steps.Add(new Step(StepKind.Land, f));
        }
        return steps;
    }

    /// <summary>Applies <paramref name="step"/>; returns whether it starts a new fetch (else the cache starts none).</summary>
    public bool Apply(Step step)
    {
        switch (step.Kind)
        {
            case StepKind.Mutate:
                Current = null;
                Pending.Add(step.Target);
                break;
            case StepKind.Resolve:
                if (_mutations[step.Target].Succeeds) Truth = Bits.Toggle(Truth, _mutations[step.Target].Item);
                break;
            case StepKind.Settle:
                Pending.Remove(step.Target);
                if (_mutations[step.Target].Succeeds && Base is not null) Base = Bits.Toggle(Base, _mutations[step.Target].Item);
                break;
            case StepKind.Invalidate:
                Stages[step.Target]++;
                return StartFetch(cancelRefetch: true);
            case StepKind.Refetch:
                return StartFetch(cancelRefetch: false);
            case StepKind.Land:
                Fetches[step.Target] = (Fetches[step.Target].Captured, true);
                if (Current == step.Target)
                {
                    Base = Fetches[step.Target].Captured;
                    Current = null;
                }
                return false;
        }
        Stages[step.Target]++;
        return false;
    }

    /// <summary>A cancel of the key (the final reconciliation cancels, then invalidates).</summary>
    public void Cancel() => Current = null;

    public bool StartFetch(bool cancelRefetch)
    {
        if (Current is not null && (!cancelRefetch || Base is null)) return false; // joins the fetch in flight
        Fetches.Add((Truth, false));
        Current = Fetches.Count - 1;
        return true;
    }

    /// <summary>A random schedule: every mutation runs its four steps, interleaved with refetches and landings.</summary>
    public static (string Initial, bool InitialLands, ScheduledMutation[] Mutations, List<Step> Steps) Generate(int seed)
    {
        var random = new Random(seed);
        int items = random.Next(1, 7);
        var initial = new string(Enumerable.Range(0, items).Select(_ => random.Next(2) == 0 ? '0' : '1').ToArray());
        var mutations = Enumerable.Range(0, random.Next(1, 9))
            .Select(_ => new ScheduledMutation(random.Next(items), random.Next(3) != 0))
            .ToArray();
        bool initialLands = random.Next(5) != 0;
        var model = new LayerSpecModel(initial, mutations);
        model.StartFetch(cancelRefetch: false);
        if (initialLands) model.Apply(new Step(StepKind.Land, 0));

        var steps = new List<Step>();
        while (!model.AllDone)
        {
            var available = model.Available();
            var step = available[random.Next(available.Count)];
            if (step.Kind == StepKind.Refetch && random.Next(3) != 0) continue; // refetches now and then, not every other step
            model.Apply(step);
            steps.Add(step);
        }
        return (initial, initialLands, mutations, steps);
    }
}
