namespace Optimistic.Query.Blazor.Internal;

/// <summary>What <c>queryFocusManager.js</c>'s <c>register</c> returns: its registration and the browser's state at that moment.</summary>
/// <param name="Id">Passed back to <c>unregister</c>.</param>
/// <param name="Focused">Whether the page is visible.</param>
/// <param name="Online">The browser's <c>navigator.onLine</c>.</param>
internal sealed record BrowserState(int Id, bool Focused, bool Online);
