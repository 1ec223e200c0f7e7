namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>The server call's input.</summary>
public sealed record MarkAsReadInput(int NotificationId);
