using System;
using System.Threading;

namespace Optimistic.Query.Cache;

/// <summary>Argument checks with messages that name what was wrong.</summary>
internal static class Guard
{
    public static void Options(QueryClientOptions options)
    {
        if (options.TimeProvider is null)
            throw new ArgumentException("QueryClientOptions.TimeProvider is null.", nameof(options));
        if (options.RetryDelay is null)
            throw new ArgumentException("QueryClientOptions.RetryDelay is null.", nameof(options));
        if (options.ObserverRetry < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.ObserverRetry, "QueryClientOptions.ObserverRetry must be zero or more.");
        Duration(options.StaleTime, "QueryClientOptions.StaleTime", nameof(options));
        Duration(options.GcTime, "QueryClientOptions.GcTime", nameof(options));
        Mode(options.RefetchOnFocus, "QueryClientOptions.RefetchOnFocus", nameof(options));
        Mode(options.RefetchOnReconnect, "QueryClientOptions.RefetchOnReconnect", nameof(options));
    }

    public static void Observer(QueryObserverOptions? options, string parameterName)
    {
        if (options is null) return;
        if (options.RefetchOnFocus is { } onFocus) Mode(onFocus, "QueryObserverOptions.RefetchOnFocus", parameterName);
        if (options.RefetchOnReconnect is { } onReconnect) Mode(onReconnect, "QueryObserverOptions.RefetchOnReconnect", parameterName);
    }

    private static void Mode(RefetchMode value, string name, string parameterName)
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(parameterName, value, $"{name} is not a defined RefetchMode.");
    }

    public static void Fetch(FetchOptions? options, string parameterName)
    {
        if (options is null) return;
        if (options.Retry < 0)
            throw new ArgumentOutOfRangeException(parameterName, options.Retry, "FetchOptions.Retry must be zero or more.");
        if (options.StaleTime is { } staleTime) Duration(staleTime, "FetchOptions.StaleTime", parameterName);
        if (options.GcTime is { } gcTime) Duration(gcTime, "FetchOptions.GcTime", parameterName);
        if (options.Tags is { } tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Type is null)
                    throw new ArgumentException("FetchOptions.Tags contains default(QueryTag); create tags with a type.", parameterName);
            }
        }
    }

    /// <summary>A duration is zero or more, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    private static void Duration(TimeSpan value, string name, string parameterName)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(parameterName, value, $"{name} must be zero or more, or Timeout.InfiniteTimeSpan.");
    }

    /// <summary>Maps <see cref="Timeout.InfiniteTimeSpan"/> to <see cref="TimeSpan.MaxValue"/> so comparisons just work.</summary>
    public static TimeSpan Normalize(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : value;
}
