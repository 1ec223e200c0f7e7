using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Optimistic.Query.Tests.Mutations;
using Optimistic.Query.Tests.Support;

namespace Optimistic.Query.Tests;

public class DependencyInjectionTests
{
    private sealed class RecordingLoggerFactory : ILoggerFactory
    {
        public ListLogger Logger { get; } = new();
        public List<string> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Add(categoryName);
            return Logger;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private static bool IsDisposed(QueryClient client)
    {
        try
        {
            client.Observe(QueryKey.Create("probe"), _ => Task.FromResult(0)).Dispose();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    [Fact]
    public void The_client_is_a_singleton_by_default_and_the_container_disposes_it()
    {
        var provider = new ServiceCollection().AddOptimisticQuery().BuildServiceProvider();
        var client = provider.GetRequiredService<QueryClient>();
        using (var scope = provider.CreateScope())
        {
            Assert.Same(client, scope.ServiceProvider.GetRequiredService<QueryClient>());
        }
        Assert.False(IsDisposed(client));

        provider.Dispose();

        Assert.True(IsDisposed(client));
    }

    [Fact]
    public void Scoped_gives_each_scope_its_own_client_disposed_with_the_scope()
    {
        using var provider = new ServiceCollection().AddOptimisticQuery(lifetime: ServiceLifetime.Scoped)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var first = provider.CreateScope();
        using var second = provider.CreateScope();
        var client = first.ServiceProvider.GetRequiredService<QueryClient>();

        Assert.Same(client, first.ServiceProvider.GetRequiredService<QueryClient>());
        Assert.NotSame(client, second.ServiceProvider.GetRequiredService<QueryClient>());
        first.Dispose();
        Assert.True(IsDisposed(client));
        Assert.False(IsDisposed(second.ServiceProvider.GetRequiredService<QueryClient>()));
    }

    [Fact]
    public void Without_a_logger_in_the_options_the_client_logs_to_the_apps_logger_factory()
    {
        var factory = new RecordingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(factory)
            .AddOptimisticQuery(_ => new QueryClientOptions { StaleTime = TimeSpan.FromSeconds(7) })
            .BuildServiceProvider();

        var client = provider.GetRequiredService<QueryClient>();

        Assert.Same(factory.Logger, client.Options.Logger);
        Assert.Equal(new[] { "Optimistic.Query" }, factory.Categories);
        Assert.Equal(TimeSpan.FromSeconds(7), client.Options.StaleTime); // the other settings are kept
    }

    [Fact]
    public void A_logger_set_in_the_options_wins_over_the_factory()
    {
        var factory = new RecordingLoggerFactory();
        var own = new ListLogger();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(factory)
            .AddOptimisticQuery(_ => new QueryClientOptions { Logger = own })
            .BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<QueryClient>().Options.Logger);
        Assert.Empty(factory.Categories);
    }

    [Fact]
    public async Task Without_a_clock_in_the_options_the_client_uses_the_containers_TimeProvider()
    {
        var time = new FakeTimeProvider();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddOptimisticQuery()
            .BuildServiceProvider();
        var client = provider.GetRequiredService<QueryClient>();

        Assert.Same(time, client.Options.TimeProvider);
        var mutation = client.CreateMutation(new MutationOptions<int, int, int> { MutationFn = (v, _) => Task.FromResult(v) });
        time.Advance(TimeSpan.FromDays(3));
        await mutation.MutateAsync(1);
        Assert.Equal(time.GetUtcNow(), mutation.State.SubmittedAt);
    }

    [Fact]
    public void A_clock_set_in_the_options_wins_over_the_containers_even_the_system_clock()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddOptimisticQuery(_ => new QueryClientOptions { TimeProvider = TimeProvider.System })
            .BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<QueryClient>().Options.TimeProvider);
    }

    [Fact]
    public void Configure_builds_the_options_from_the_container_and_the_hook_is_kept()
    {
        var hook = new Action<Exception>(_ => { });
        using var provider = new ServiceCollection()
            .AddSingleton(new FetchDefaults(TimeSpan.FromMinutes(9)))
            .AddSingleton<ILoggerFactory>(new RecordingLoggerFactory())
            .AddOptimisticQuery(sp => new QueryClientOptions { GcTime = sp.GetRequiredService<FetchDefaults>().GcTime, OnListenerError = hook })
            .BuildServiceProvider();

        var options = provider.GetRequiredService<QueryClient>().Options;

        Assert.Equal(TimeSpan.FromMinutes(9), options.GcTime);
        Assert.Same(hook, options.OnListenerError);
    }

    private sealed record FetchDefaults(TimeSpan GcTime);

    [Fact]
    public void A_client_registered_first_is_kept()
    {
        var mine = new QueryClient();
        using var provider = new ServiceCollection().AddSingleton(mine).AddOptimisticQuery().AddOptimisticQuery(lifetime: ServiceLifetime.Scoped)
            .BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<QueryClient>());
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_their_names()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => OptimisticQueryServiceCollectionExtensions.AddOptimisticQuery(null!)).ParamName);
        Assert.Equal("lifetime", Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddOptimisticQuery(lifetime: ServiceLifetime.Transient)).ParamName);

        using var provider = new ServiceCollection().AddOptimisticQuery(_ => null!).BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<QueryClient>());
        Assert.Contains("configure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_copy_made_for_the_container_keeps_every_setting()
    {
        // Guards the copy: a setting added to QueryClientOptions and forgotten there fails here.
        var original = new QueryClientOptions
        {
            TimeProvider = new FakeTimeProvider(),
            StaleTime = TimeSpan.FromSeconds(1),
            GcTime = TimeSpan.FromSeconds(2),
            ObserverRetry = 7,
            RetryDelay = (_, _) => TimeSpan.FromSeconds(3),
            RefetchOnFocus = RefetchMode.Never,
            RefetchOnReconnect = RefetchMode.Always,
            Logger = new ListLogger(),
            OnListenerError = _ => { },
        };
        var properties = typeof(QueryClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var defaults = new QueryClientOptions();
        foreach (var property in properties)
        {
            Assert.False(Equals(property.GetValue(defaults), property.GetValue(original)), $"set {property.Name} to a non-default value in this test");
        }

        var copy = original.With(null, null);

        foreach (var property in properties) Assert.Equal(property.GetValue(original), property.GetValue(copy));
    }
}
