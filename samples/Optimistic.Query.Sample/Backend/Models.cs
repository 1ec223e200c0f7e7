namespace Optimistic.Query.Sample.Backend;

/// <summary>One notification of the signed-in user.</summary>
public sealed record Notification(string Id, string Title, DateTimeOffset CreatedAt, bool IsRead);

/// <summary>A page of notifications, as the server sends it.</summary>
public sealed record NotificationsPage(IReadOnlyList<Notification> Notifications, int Total);

/// <summary>One health-check configuration.</summary>
public sealed record HealthCheckConfiguration(string Id, string Name, string Target, TimeSpan Interval, bool Paused);

/// <summary>All health-check configurations, as the server sends them.</summary>
public sealed record HealthCheckConfigurationList(IReadOnlyList<HealthCheckConfiguration> Configurations)
{
    /// <summary>A copy with one configuration paused or resumed: a pure recipe, as optimistic layers want.</summary>
    public HealthCheckConfigurationList WithPaused(string id, bool paused) =>
        new(Configurations.Select(c => c.Id == id ? c with { Paused = paused } : c).ToList());
}
