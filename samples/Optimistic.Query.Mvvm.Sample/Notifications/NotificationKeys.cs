namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>The one key the list query and the mark-as-read mutation share (the contract: the same key everywhere).</summary>
public static class NotificationKeys
{
    /// <summary>The first page, unfiltered: <c>[["notification","getNotifications"],{input:{limit:20,offset:0,unreadOnly:false},type:"query"}]</c>.</summary>
    public static QueryKey List { get; } = QueryKey.Create(new[] { "notification", "getNotifications" },
        new { input = new { limit = 20, offset = 0, unreadOnly = false }, type = "query" });
}
