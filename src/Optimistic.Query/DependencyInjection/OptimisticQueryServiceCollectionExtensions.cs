using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Optimistic.Query;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="QueryClient"/> in a service collection.</summary>
public static class OptimisticQueryServiceCollectionExtensions
{
    /// <summary>The logger category of a client whose logger comes from the app's <see cref="ILoggerFactory"/>.</summary>
    private const string LoggerCategory = "Optimistic.Query";

    /// <summary>
    /// Registers a <see cref="QueryClient"/> (unless one is registered already): one per app by default, one per scope
    /// with <see cref="ServiceLifetime.Scoped"/> (a Blazor Server circuit). The container disposes it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">
    /// Builds the client's options from the container, once per client; null for the defaults. Where the options leave
    /// them unset, <see cref="QueryClientOptions.Logger"/> becomes a logger of the app's <see cref="ILoggerFactory"/>
    /// (category <c>Optimistic.Query</c>) and <see cref="QueryClientOptions.TimeProvider"/> the container's
    /// <see cref="TimeProvider"/>, when those are registered; the client then holds a copy of the options with them.
    /// </param>
    /// <param name="lifetime">The client's lifetime: <see cref="ServiceLifetime.Singleton"/> (default) or <see cref="ServiceLifetime.Scoped"/>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lifetime"/> is <see cref="ServiceLifetime.Transient"/> (a client per resolution would share no
    /// cache) or not a defined value.
    /// </exception>
    public static IServiceCollection AddOptimisticQuery(
        this IServiceCollection services,
        Func<IServiceProvider, QueryClientOptions>? configure = null,
        ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (lifetime is not (ServiceLifetime.Singleton or ServiceLifetime.Scoped))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime,
                "A QueryClient is Singleton (one cache per app) or Scoped (one per scope, such as a Blazor Server circuit); a transient client would share no cache.");
        }
        services.TryAdd(ServiceDescriptor.Describe(typeof(QueryClient), provider => CreateClient(provider, configure), lifetime));
        return services;
    }

    private static QueryClient CreateClient(IServiceProvider provider, Func<IServiceProvider, QueryClientOptions>? configure)
    {
        var options = configure is null
            ? new QueryClientOptions()
            : configure(provider) ?? throw new InvalidOperationException(
                "The configure callback passed to AddOptimisticQuery returned null; return a QueryClientOptions.");
        var logger = options.Logger is null ? provider.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) : null;
        var time = options.HasTimeProvider ? null : provider.GetService<TimeProvider>();
        if (logger is not null || time is not null) options = options.With(logger, time);
        return new QueryClient(options);
    }
}
