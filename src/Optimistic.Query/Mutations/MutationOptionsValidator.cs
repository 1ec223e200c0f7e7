using System;

namespace Optimistic.Query.Mutations;

/// <summary>Rejects mutation options that cannot run, when the mutation is created rather than on its first run.</summary>
internal static class MutationOptionsValidator
{
    public static void Validate<TVariables, TData, TContext>(MutationOptions<TVariables, TData, TContext> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MutationFn is null)
        {
            throw new ArgumentException(
                $"{nameof(MutationOptions<TVariables, TData, TContext>.MutationFn)} is required: it sends the mutation to the server.",
                nameof(options));
        }

        RejectBothTwins(options.OnMutate, options.OnMutateAsync, "OnMutate", "OnMutateAsync");
        RejectBothTwins(options.OnSuccess, options.OnSuccessAsync, "OnSuccess", "OnSuccessAsync");
        RejectBothTwins(options.OnError, options.OnErrorAsync, "OnError", "OnErrorAsync");
        RejectBothTwins(options.OnSettled, options.OnSettledAsync, "OnSettled", "OnSettledAsync");
    }

    private static void RejectBothTwins(Delegate? sync, Delegate? async, string syncName, string asyncName)
    {
        if (sync is not null && async is not null)
        {
            throw new ArgumentException(
                $"Both {syncName} and {asyncName} are set; set one of the two (the mutation would not know which to run).",
                "options");
        }
    }
}
