namespace Optimistic.Query.Cache;

/// <summary>An app-wide event that refetches the stale observed queries (<see cref="QueryClient.SetFocused"/>, <see cref="QueryClient.SetOnline"/>).</summary>
internal enum AppEvent
{
    /// <summary>The app regained focus (TanStack's focusManager).</summary>
    Focus,

    /// <summary>The network came back (TanStack's onlineManager).</summary>
    Reconnect,
}
