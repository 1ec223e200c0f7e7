using Microsoft.JSInterop;

namespace Optimistic.Query.Blazor.Internal;

/// <summary>
/// The .NET side of <c>queryFocusManager.js</c>: the browser reports the tab's focus and the network's state here, and
/// they go to the client (<see cref="QueryClient.SetFocused"/>, <see cref="QueryClient.SetOnline"/>).
/// </summary>
internal sealed class BrowserSignals
{
    private readonly QueryClient _client;

    public BrowserSignals(QueryClient client) => _client = client;

    /// <summary>The page was shown or hidden, or its window gained focus.</summary>
    [JSInvokable]
    public void SetFocused(bool focused) => _client.SetFocused(focused);

    /// <summary>The browser went online or offline.</summary>
    [JSInvokable]
    public void SetOnline(bool online) => _client.SetOnline(online);
}
