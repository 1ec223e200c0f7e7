namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>The screens' query keys, built in one place so every call site agrees (the contract: the same key everywhere).</summary>
public static class NotificationKeys
{
    /// <summary>The first page, unfiltered: <c>[["notification","getNotifications"],{input:{limit:20,offset:0,unreadOnly:false},type:"query"}]</c>.</summary>
    public static QueryKey List { get; } = QueryKey.Create(new[] { "notification", "getNotifications" },
        new { input = new { limit = 20, offset = 0, unreadOnly = false }, type = "query" });

    /// <summary>One page of the archive.</summary>
    public static QueryKey ArchivePage(int page) => QueryKey.Create("notification", "archive", new { page });
}
