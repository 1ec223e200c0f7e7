using System.Collections.Immutable;

namespace Optimistic.Query.Demo;

/// <summary>
/// A slow server that fails the calls it is told to fail. Deterministic, so the demo prints the same story every run.
/// </summary>
public sealed class SimulatedServer(TimeSpan latency, Func<int, bool> failsCall)
{
    private readonly object _gate = new();
    private ImmutableList<Notification> _rows = ImmutableList.Create(
        new Notification(1, "Build passed", false),
        new Notification(2, "Review requested", false),
        new Notification(3, "Deploy finished", false));
    private int _markCalls;

    public async Task<NotificationsPage> GetNotificationsAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(latency, cancellationToken);
        lock (_gate) return new NotificationsPage(_rows);
    }

    public async Task<Unit> MarkAsReadAsync(MarkAsReadInput input, CancellationToken cancellationToken)
    {
        int call = Interlocked.Increment(ref _markCalls);
        await Task.Delay(latency, cancellationToken);
        if (failsCall(call)) throw new HttpRequestException($"503 Service Unavailable (mark #{input.NotificationId} as read)");
        lock (_gate) _rows = _rows.Select(n => n.Id == input.NotificationId ? n with { IsRead = true } : n).ToImmutableList();
        return Unit.Value;
    }
}
