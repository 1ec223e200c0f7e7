using System.Diagnostics;
using Optimistic.Query;
using Optimistic.Query.Demo;

// An optimistic "mark as read" toggle, written exactly as the contract says (cancel, snapshot, patch,
// return the snapshot; roll back on error; invalidate on settled; no success toast), against a server
// that takes 300 ms per call and fails the second "mark as read".
var clock = Stopwatch.StartNew();
var console = new object();
void Log(string line)
{
    lock (console) Console.WriteLine($"[{clock.ElapsedMilliseconds,5} ms] {line}"); // observers log from other threads
}

var server = new SimulatedServer(TimeSpan.FromMilliseconds(300), failsCall: call => call == 2);
var toaster = new ConsoleToaster(Log);
using var client = new QueryClient();
var notificationsKey = QueryKey.Create(new[] { "notification", "getNotifications" },
    new { input = new { limit = 20, offset = 0, unreadOnly = false }, type = "query" });

// The "UI": an observer of the list, re-rendered when what it shows changes.
using var list = client.Observe(notificationsKey, server.GetNotificationsAsync);
string? shown = null;
using var render = list.Subscribe(state =>
{
    if (state.Data is not { } page) return;
    var view = $"{page}{(state.FetchStatus == FetchStatus.Fetching ? "  (refreshing…)" : "")}";
    if (view == shown) return;
    shown = view;
    Log($"render {view}");
});
await list.RefetchAsync();

var markAsRead = client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
{
    MutationFn = (input, ct) => server.MarkAsReadAsync(input, ct),
    OnMutateAsync = async input =>
    {
        await client.CancelQueriesAsync(notificationsKey);
        var previous = client.GetQueryData<NotificationsPage>(notificationsKey);
        if (previous is not null)
        {
            Log($"flip   #{input.NotificationId} → read (optimistic, before the server answers)");
            client.SetQueryData(notificationsKey, previous.MarkRead(input.NotificationId));
        }
        return new Snapshot<NotificationsPage>(previous);
    },
    OnError = (error, input, context) =>
    {
        Log($"error  server rejected #{input.NotificationId}: {error.Message}");
        if (context?.Previous is { } previous)
        {
            Log("undo   rolling back to the snapshot");
            client.SetQueryData(notificationsKey, previous);
        }
        toaster.Error("Failed to mark as read", error);
    },
    OnSettledAsync = (data, error, input, context) =>
    {
        Log("sync   invalidating the list to reconcile with server truth");
        return client.InvalidateQueriesAsync(notificationsKey);
    },
});

foreach (int id in new[] { 1, 2 })
{
    Console.WriteLine();
    Log($"click  mark #{id} as read");
    try
    {
        await markAsRead.MutateAsync(new MarkAsReadInput(id));
        Log($"done   #{id} confirmed by the server (no success toast: the flip was the feedback)");
    }
    catch (HttpRequestException)
    {
        Log($"done   #{id} failed; the list shows server truth again");
    }
}
