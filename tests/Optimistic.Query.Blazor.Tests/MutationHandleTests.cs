using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Optimistic.Query.Blazor.Tests;

public sealed class MutationHandleTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly BunitContext _context = new();
    private readonly QueryClient _client = new();
    private readonly TaskCompletionSource<string> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MutationHandleTests() => _context.Services.AddSingleton(_client);

    public void Dispose()
    {
        _context.Dispose();
        _client.Dispose();
    }

    [Fact]
    public void Is_idle_then_pending_with_its_variables_then_successful_with_the_data()
    {
        var probe = RenderProbe();
        Assert.Equal("Idle", Text(probe, "#status"));

        probe.Find("#run").Click();
        probe.WaitForAssertion(() => Assert.Equal("Pending", Text(probe, "#status")), Wait);
        Assert.Equal("7", Text(probe, "#variables"));

        _server.SetResult("saved");
        _settled.SetResult();

        probe.WaitForAssertion(() => Assert.Equal("Success", Text(probe, "#status")), Wait);
        Assert.Equal("saved", Text(probe, "#data"));
        Assert.Equal("", Text(probe, "#error"));
    }

    [Fact]
    public void A_failure_never_reaches_the_click_handler_and_ends_in_the_error_state()
    {
        var probe = RenderProbe();

        probe.Find("#run").Click(); // would throw here if the failure reached the handler
        _server.SetException(new InvalidOperationException("rejected"));
        _settled.SetResult();

        probe.WaitForAssertion(() => Assert.Equal("Error", Text(probe, "#status")), Wait);
        Assert.Equal("rejected", Text(probe, "#error"));
        Assert.Equal("False", Text(probe, "#pending"));
    }

    [Fact]
    public void Re_renders_after_OnError_before_OnSettled_has_finished()
    {
        var probe = RenderProbe();
        probe.Find("#run").Click();

        _server.SetException(new InvalidOperationException("rejected"));

        // OnSettled is still waiting (the refetch in a real app): the state is Pending, yet OnError's toast is on screen.
        probe.WaitForAssertion(() => Assert.Equal("failed: rejected", Text(probe, "#toast")), Wait);
        Assert.Equal("Pending", Text(probe, "#status"));

        _settled.SetResult();
        probe.WaitForAssertion(() => Assert.Equal("Error", Text(probe, "#status")), Wait);
    }

    [Fact]
    public async Task Stops_re_rendering_once_its_component_is_disposed()
    {
        var probe = RenderProbe();
        probe.Find("#run").Click();
        var mutation = probe.Instance.Mutation;
        int renders = probe.RenderCount;

        await _context.DisposeComponentsAsync();
        _server.SetResult("saved");
        _settled.SetResult();

        // The run completes (its callbacks still run) without touching the disposed component.
        await Eventually.HoldsAsync(() => mutation.IsSuccess, "the run completed");
        Assert.Equal(renders, probe.RenderCount);
    }

    private IRenderedComponent<MutationProbe> RenderProbe() =>
        _context.Render<MutationProbe>(p => p
            .Add(c => c.Server, (_, _) => _server.Task)
            .Add(c => c.Settled, () => _settled.Task));

    private static string Text(IRenderedComponent<MutationProbe> probe, string selector) => probe.Find(selector).TextContent;
}
