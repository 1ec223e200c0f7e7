using Microsoft.Extensions.DependencyInjection;

namespace Optimistic.Query.Blazor.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void Blazor_Server_gets_one_client_per_circuit_disposed_with_it()
    {
        using var provider = new ServiceCollection().AddOptimisticQueryForBlazorServer().BuildServiceProvider(validateScopes: true);

        QueryClient first;
        using (var circuit = provider.CreateScope())
        {
            first = circuit.ServiceProvider.GetRequiredService<QueryClient>();
            Assert.Same(first, circuit.ServiceProvider.GetRequiredService<QueryClient>());
            using var other = provider.CreateScope();
            Assert.NotSame(first, other.ServiceProvider.GetRequiredService<QueryClient>());
        }

        // The circuit ended: its client is disposed with it.
        Assert.Throws<ObjectDisposedException>(() => first.Observe(QueryKey.Create("k"), _ => Task.FromResult(1)));
    }

    [Fact]
    public void Blazor_Server_takes_the_options_from_the_services()
    {
        var clock = new FrozenClock();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddOptimisticQueryForBlazorServer(services => new QueryClientOptions { TimeProvider = services.GetRequiredService<TimeProvider>() })
            .BuildServiceProvider();
        using var circuit = provider.CreateScope();

        Assert.Same(clock, circuit.ServiceProvider.GetRequiredService<QueryClient>().Options.TimeProvider);
    }

    [Fact]
    public void WebAssembly_gets_one_client_per_app()
    {
        using var provider = new ServiceCollection().AddOptimisticQuery().BuildServiceProvider(validateScopes: true);
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        Assert.Same(first.ServiceProvider.GetRequiredService<QueryClient>(), second.ServiceProvider.GetRequiredService<QueryClient>());
    }

    [Fact]
    public void The_first_registration_wins_so_an_app_can_register_its_own_client_first()
    {
        using var own = new QueryClient();
        using var provider = new ServiceCollection().AddSingleton(own).AddOptimisticQueryForBlazorServer().BuildServiceProvider();
        using var circuit = provider.CreateScope();

        Assert.Same(own, circuit.ServiceProvider.GetRequiredService<QueryClient>());
    }

    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
