using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Optimistic.Query;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the query client for Blazor.</summary>
public static class OptimisticQueryBlazorServiceCollectionExtensions
{
    /// <summary>
    /// Blazor Server (and the server side of a Blazor Web App): one <see cref="QueryClient"/> per circuit (scoped), so
    /// users never see each other's cache and the client is disposed with its circuit. Blazor WebAssembly runs one user
    /// per app: register the singleton with <c>services.AddOptimisticQuery()</c> instead.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Builds the client's options from the services; null for the defaults.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddOptimisticQueryForBlazorServer(this IServiceCollection services,
        Func<IServiceProvider, QueryClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAdd(ServiceDescriptor.Scoped(provider => new QueryClient(configure?.Invoke(provider) ?? new QueryClientOptions
        {
            Logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Optimistic.Query"),
        })));
        return services;
    }
}
