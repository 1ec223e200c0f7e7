using System;
using System.Threading;
using System.Threading.Tasks;

namespace Optimistic.Query.Mutations;

/// <summary>
/// The function and callbacks of a mutation, copied from its options when it was created, each phase reduced to
/// one awaitable call whichever twin was set (the sync one is called, the async one awaited; none set: nothing).
/// </summary>
internal sealed class MutationCallbacks<TVariables, TData, TContext>
{
    private readonly Func<TVariables, CancellationToken, Task<TData>> _mutationFn;
    private readonly Func<TVariables, TContext>? _onMutate;
    private readonly Func<TVariables, Task<TContext>>? _onMutateAsync;
    private readonly Action<TData, TVariables, TContext?>? _onSuccess;
    private readonly Func<TData, TVariables, TContext?, Task>? _onSuccessAsync;
    private readonly Action<Exception, TVariables, TContext?>? _onError;
    private readonly Func<Exception, TVariables, TContext?, Task>? _onErrorAsync;
    private readonly Action<TData?, Exception?, TVariables, TContext?>? _onSettled;
    private readonly Func<TData?, Exception?, TVariables, TContext?, Task>? _onSettledAsync;

    /// <param name="options">Validated options (<see cref="MutationOptionsValidator"/>).</param>
    public MutationCallbacks(MutationOptions<TVariables, TData, TContext> options)
    {
        _mutationFn = options.MutationFn!;
        _onMutate = options.OnMutate;
        _onMutateAsync = options.OnMutateAsync;
        _onSuccess = options.OnSuccess;
        _onSuccessAsync = options.OnSuccessAsync;
        _onError = options.OnError;
        _onErrorAsync = options.OnErrorAsync;
        _onSettled = options.OnSettled;
        _onSettledAsync = options.OnSettledAsync;
    }

    public async ValueTask<TContext?> MutateAsync(TVariables variables)
    {
        if (_onMutate is not null) return _onMutate(variables);
        if (_onMutateAsync is not null) return await NotNull(_onMutateAsync(variables), "OnMutateAsync");
        return default;
    }

    public Task<TData> MutationFnAsync(TVariables variables, CancellationToken cancellationToken) =>
        NotNull(_mutationFn(variables, cancellationToken), "MutationFn");

    public ValueTask SuccessAsync(TData data, TVariables variables, TContext? context)
    {
        if (_onSuccess is not null)
        {
            _onSuccess(data, variables, context);
            return ValueTask.CompletedTask;
        }
        return _onSuccessAsync is null
            ? ValueTask.CompletedTask
            : new ValueTask(NotNull(_onSuccessAsync(data, variables, context), "OnSuccessAsync"));
    }

    public ValueTask ErrorAsync(Exception error, TVariables variables, TContext? context)
    {
        if (_onError is not null)
        {
            _onError(error, variables, context);
            return ValueTask.CompletedTask;
        }
        return _onErrorAsync is null
            ? ValueTask.CompletedTask
            : new ValueTask(NotNull(_onErrorAsync(error, variables, context), "OnErrorAsync"));
    }

    public ValueTask SettledAsync(TData? data, Exception? error, TVariables variables, TContext? context)
    {
        if (_onSettled is not null)
        {
            _onSettled(data, error, variables, context);
            return ValueTask.CompletedTask;
        }
        return _onSettledAsync is null
            ? ValueTask.CompletedTask
            : new ValueTask(NotNull(_onSettledAsync(data, error, variables, context), "OnSettledAsync"));
    }

    private static T NotNull<T>(T? task, string name) where T : Task =>
        task ?? throw new InvalidOperationException($"{name} returned null instead of a task.");
}
