using CommunityToolkit.Mvvm.ComponentModel;

namespace Optimistic.Query.Mvvm.Sample.Notifications;

/// <summary>
/// The Notifications screen: the list, and mark-as-read as an optimistic command. A view binds
/// <c>Notifications.Data.Notifications</c> to its list, <c>Notifications.IsFetching</c> to a spinner and each row's
/// button to <c>MarkAsReadCommand</c> with the row as the parameter.
/// </summary>
/// <remarks>
/// Create it on the UI thread (changes are raised there). Mark-as-read follows the contract's four steps: cancel the
/// list's in-flight refetch, snapshot it, patch it and return the snapshot as the context; on error restore the
/// snapshot and show an error toast; when settled (either way) invalidate the list; no success toast, the flip is the
/// feedback. The command runs one mark at a time (its default), so no two snapshots of the list overlap.
/// </remarks>
public sealed class NotificationsViewModel : ObservableObject, IDisposable
{
    /// <summary>Loads the list and prepares the command.</summary>
    /// <param name="client">The app's query client (registered with <c>services.AddOptimisticQuery()</c>).</param>
    /// <param name="api">The server.</param>
    /// <param name="toaster">The app's toasts.</param>
    /// <param name="dispatcher">Where to raise changes; null for the creating thread's synchronization context.</param>
    public NotificationsViewModel(QueryClient client, INotificationsApi api, IToaster toaster, IUiDispatcher? dispatcher = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(toaster);

        Notifications = new ObservableQuery<NotificationsPage>(client, NotificationKeys.List, api.GetNotificationsAsync, dispatcher: dispatcher);

        var markAsRead = client.CreateMutation(new MutationOptions<Notification, Unit, Snapshot<NotificationsPage>>
        {
            MutationFn = (row, ct) => api.MarkAsReadAsync(new MarkAsReadInput(row.Id), ct),
            // 1. Cancel the in-flight refetch, snapshot, patch, and return the snapshot as the context.
            OnMutateAsync = async row =>
            {
                await client.CancelQueriesAsync(NotificationKeys.List);
                var previous = client.GetQueryData<NotificationsPage>(NotificationKeys.List);
                if (previous is not null) client.SetQueryData(NotificationKeys.List, previous.MarkRead(row.Id));
                return new Snapshot<NotificationsPage>(previous);
            },
            // 2. Roll back from the snapshot; keep the error toast.
            OnError = (error, row, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(NotificationKeys.List, previous);
                toaster.Error("Failed to mark as read", error);
            },
            // 3. Reconcile with server truth either way.
            OnSettledAsync = (data, error, row, context) => client.InvalidateQueriesAsync(NotificationKeys.List),
            // 4. No success toast: the flip is the feedback.
        });
        MarkAsReadCommand = markAsRead.ToCommand(new MutationCommandOptions<Notification>
        {
            CanExecute = row => row is { IsRead: false },
            Dispatcher = dispatcher,
        });
    }

    /// <summary>The list.</summary>
    public ObservableQuery<NotificationsPage> Notifications { get; }

    /// <summary>Marks the row given as the parameter as read, optimistically.</summary>
    public MutationCommand<Notification, Unit, Snapshot<NotificationsPage>> MarkAsReadCommand { get; }

    /// <summary>Stops observing the list and raising the command's changes.</summary>
    public void Dispose()
    {
        MarkAsReadCommand.Dispose();
        Notifications.Dispose();
    }
}
