namespace Optimistic.Query.Sample.Backend;

/// <summary>Test hooks of the simulated backend (the browser tests use them; a real app has no such thing).</summary>
public static class BackendEndpoints
{
    public static void MapBackendControl(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/backend");
        group.MapGet("/stats", (SimulatedBackend backend) => backend.Stats());
        group.MapPost("/reset", (SimulatedBackend backend) => backend.Reset());
        group.MapPost("/hold/{what}", (string what, SimulatedBackend backend) => backend.Hold(what));
        group.MapPost("/release/{what}", (string what, SimulatedBackend backend) => backend.Release(what));
        group.MapPost("/settings", (int latencyMs, bool fail, SimulatedBackend backend) =>
            backend.ChangeSettings(TimeSpan.FromMilliseconds(latencyMs), fail));
    }
}
