namespace Optimistic.Query.Sample.Backend;

/// <summary>
/// Mark one notification as read. Page and filter are the list's, captured at the click: every callback builds the key
/// from them, so the rollback and the invalidation hit the page the user clicked on, even if they paged on since.
/// </summary>
public sealed record MarkAsReadInput(string NotificationId, int Page, bool UnreadOnly);

/// <summary>Pause or resume one health-check configuration.</summary>
public sealed record SetPausedInput(string ConfigurationId, bool Paused);
