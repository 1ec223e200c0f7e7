namespace Optimistic.Query.Sample.Backend;

/// <summary>
/// The sample's query keys, built in one place so the list and its mutation always agree. The shape is the seed's
/// (oRPC's): <c>[["notification", "getNotifications"], { input: { limit, offset, unreadOnly }, type: "query" }]</c>.
/// </summary>
public static class QueryKeys
{
    public static QueryKey Notifications(int page, bool unreadOnly) =>
        QueryKey.Create(new[] { "notification", "getNotifications" },
            new { input = new { limit = SimulatedBackend.PageSize, offset = page * SimulatedBackend.PageSize, unreadOnly }, type = "query" });

    public static QueryKey HealthCheckConfigurations() =>
        QueryKey.Create(new[] { "healthcheck", "getConfigurations" }, new { type = "query" });
}
