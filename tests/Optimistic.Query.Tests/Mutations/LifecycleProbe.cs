namespace Optimistic.Query.Tests.Mutations;

/// <summary>
/// Builds mutation options whose function and callbacks record each call (phase and arguments) into
/// <see cref="Log"/>, with each phase's twin chosen per test and optional failures. Async twins yield before
/// recording, so a twin that was not awaited shows up out of order.
/// </summary>
internal sealed class LifecycleProbe
{
    public CallLog Log { get; } = new();

    public Exception? OnMutateThrows { get; init; }
    public Exception? MutationFnThrows { get; init; }
    public Exception? OnSuccessThrows { get; init; }
    public Exception? OnErrorThrows { get; init; }
    public Exception? OnSettledThrows { get; init; }

    /// <summary>Makes OnSettled throw only when it is called after a success (data present).</summary>
    public bool OnSettledThrowsOnlyOnSuccess { get; init; }

    public MutationOptions<string, string, string> Options(
        bool asyncMutate = false, bool asyncSuccess = false, bool asyncError = false, bool asyncSettled = false)
    {
        return new MutationOptions<string, string, string>
        {
            MutationFn = async (v, _) =>
            {
                await Task.Yield();
                Log.Add($"MutationFn({v})");
                if (MutationFnThrows is not null) throw MutationFnThrows;
                return "data:" + v;
            },
            OnMutate = asyncMutate ? null : v => Mutate(v),
            OnMutateAsync = asyncMutate ? async v => { await Task.Yield(); return Mutate(v); } : null,
            OnSuccess = asyncSuccess ? null : (d, v, c) => Success(d, v, c),
            OnSuccessAsync = asyncSuccess ? async (d, v, c) => { await Task.Yield(); Success(d, v, c); } : null,
            OnError = asyncError ? null : (e, v, c) => Error(e, v, c),
            OnErrorAsync = asyncError ? async (e, v, c) => { await Task.Yield(); Error(e, v, c); } : null,
            OnSettled = asyncSettled ? null : (d, e, v, c) => Settled(d, e, v, c),
            OnSettledAsync = asyncSettled ? async (d, e, v, c) => { await Task.Yield(); Settled(d, e, v, c); } : null,
        };
    }

    private string Mutate(string v)
    {
        Log.Add($"OnMutate({v})");
        if (OnMutateThrows is not null) throw OnMutateThrows;
        return "ctx:" + v;
    }

    private void Success(string d, string v, string? c)
    {
        Log.Add($"OnSuccess({d}, {v}, {CallLog.Show(c)})");
        if (OnSuccessThrows is not null) throw OnSuccessThrows;
    }

    private void Error(Exception e, string v, string? c)
    {
        Log.Add($"OnError({CallLog.Show(e)}, {v}, {CallLog.Show(c)})");
        if (OnErrorThrows is not null) throw OnErrorThrows;
    }

    private void Settled(string? d, Exception? e, string v, string? c)
    {
        Log.Add($"OnSettled({CallLog.Show(d)}, {CallLog.Show(e)}, {v}, {CallLog.Show(c)})");
        if (OnSettledThrows is not null && (!OnSettledThrowsOnlyOnSuccess || d is not null)) throw OnSettledThrows;
    }
}
