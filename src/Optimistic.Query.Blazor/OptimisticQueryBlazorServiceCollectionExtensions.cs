using System;
using Optimistic.Query;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the query client for Blazor Server.</summary>
public static class OptimisticQueryBlazorServiceCollectionExtensions
{
    /// <summary>
    /// Blazor Server (and the server side of a Blazor Web App): one <see cref="QueryClient"/> per circuit (scoped), so
    /// users never see each other's cache and the client is disposed with its circuit. It is
    /// <c>services.AddOptimisticQuery(configure, ServiceLifetime.Scoped)</c>: the logger comes from the app's
    /// <c>ILoggerFactory</c> and the clock from a registered <see cref="TimeProvider"/> unless the options set them.
    /// Blazor WebAssembly runs one user per app: register the singleton with <c>services.AddOptimisticQuery()</c>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Builds the client's options from the services, once per circuit; null for the defaults.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddOptimisticQueryForBlazorServer(this IServiceCollection services,
        Func<IServiceProvider, QueryClientOptions>? configure = null) =>
        services.AddOptimisticQuery(configure, ServiceLifetime.Scoped);
}
