using System;
using System.Threading.Tasks;

namespace Optimistic.Query.Blazor.Internal;

/// <summary>A copy of a mutation's options whose callbacks each request a render once they returned (or threw).</summary>
internal static class RenderingAfterEachCallback
{
    public static MutationOptions<TVariables, TData, TContext> Wrap<TVariables, TData, TContext>(
        MutationOptions<TVariables, TData, TContext> options, Action render) => new()
    {
        MutationFn = options.MutationFn,
        OnMutate = After(options.OnMutate, render),
        OnMutateAsync = After(options.OnMutateAsync, render),
        OnSuccess = After(options.OnSuccess, render),
        OnSuccessAsync = After(options.OnSuccessAsync, render),
        OnError = After(options.OnError, render),
        OnErrorAsync = After(options.OnErrorAsync, render),
        OnSettled = After(options.OnSettled, render),
        OnSettledAsync = After(options.OnSettledAsync, render),
        Kind = options.Kind,
        Scope = options.Scope,
    };

    private static Func<T1, TResult>? After<T1, TResult>(Func<T1, TResult>? callback, Action render) =>
        callback is null ? null : a =>
        {
            try { return callback(a); }
            finally { render(); }
        };

    private static Func<T1, Task<TResult>>? After<T1, TResult>(Func<T1, Task<TResult>>? callback, Action render) =>
        callback is null ? null : async a =>
        {
            try { return await callback(a).ConfigureAwait(false); }
            finally { render(); }
        };

    private static Action<T1, T2, T3>? After<T1, T2, T3>(Action<T1, T2, T3>? callback, Action render) =>
        callback is null ? null : (a, b, c) =>
        {
            try { callback(a, b, c); }
            finally { render(); }
        };

    private static Func<T1, T2, T3, Task>? After<T1, T2, T3>(Func<T1, T2, T3, Task>? callback, Action render) =>
        callback is null ? null : async (a, b, c) =>
        {
            try { await callback(a, b, c).ConfigureAwait(false); }
            finally { render(); }
        };

    private static Action<T1, T2, T3, T4>? After<T1, T2, T3, T4>(Action<T1, T2, T3, T4>? callback, Action render) =>
        callback is null ? null : (a, b, c, d) =>
        {
            try { callback(a, b, c, d); }
            finally { render(); }
        };

    private static Func<T1, T2, T3, T4, Task>? After<T1, T2, T3, T4>(Func<T1, T2, T3, T4, Task>? callback, Action render) =>
        callback is null ? null : async (a, b, c, d) =>
        {
            try { await callback(a, b, c, d).ConfigureAwait(false); }
            finally { render(); }
        };
}
