// Callbacks written as methods of the class and passed as method groups.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public sealed class NotificationsViewModel
{
    private readonly QueryClient client;
    private readonly ITodoApi api;
    private readonly IToaster toaster;

    public NotificationsViewModel(QueryClient client, ITodoApi api, IToaster toaster)
    {
        this.client = client;
        this.api = api;
        this.toaster = toaster;
    }

    private static List<Notification> MarkRead(List<Notification> items, int id) =>
        items.Select(n => n.Id == id ? n with { IsRead = true } : n).ToList();

    // Correct, every callback a method group.
    public Mutation<int, Unit, Snapshot<List<Notification>>> CreateMarkRead() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Notification>>>
        {
            MutationFn = api.MarkReadAsync,
            OnMutateAsync = MarkReadOptimistically,
            OnError = Restore,
            OnSettledAsync = Refresh,
        });

    private async Task<Snapshot<List<Notification>>> MarkReadOptimistically(int id)
    {
        await client.CancelQueriesAsync(Keys.Notifications());
        var previous = client.GetQueryData<List<Notification>>(Keys.Notifications());
        if (previous is not null) client.SetQueryData(Keys.Notifications(), MarkRead(previous, id));
        return new Snapshot<List<Notification>>(previous);
    }

    private void Restore(Exception error, int id, Snapshot<List<Notification>>? context)
    {
        if (context?.Previous is { } previous) client.SetQueryData(Keys.Notifications(), previous);
        toaster.Error("Could not mark as read", error);
    }

    private Task Refresh(Unit data, Exception? error, int id, Snapshot<List<Notification>>? context) =>
        client.InvalidateQueriesAsync(Keys.Notifications());

    // A method-group OnMutate without the cancel.
    public Mutation<int, Unit, Snapshot<List<Notification>>> CreateMarkReadNoCancel() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Notification>>>
        {
            MutationFn = api.MarkReadAsync,
            OnMutate = MarkReadNow,
            OnError = RestoreNow,
            OnSettledAsync = RefreshNow,
        });

    private Snapshot<List<Notification>> MarkReadNow(int id)
    {
        var previous = client.GetQueryData<List<Notification>>(Keys.Notifications());
        if (previous is not null) client.SetQueryData(Keys.Notifications(), MarkRead(previous, id));
        return new Snapshot<List<Notification>>(previous);
    }

    private void RestoreNow(Exception error, int id, Snapshot<List<Notification>>? context)
    {
        if (context?.Previous is { } previous) client.SetQueryData(Keys.Notifications(), previous);
    }

    private Task RefreshNow(Unit data, Exception? error, int id, Snapshot<List<Notification>>? context) =>
        client.InvalidateQueriesAsync(Keys.Notifications());

    // A method-group OnError that does not roll back.
    public Mutation<int, Unit, Snapshot<List<Notification>>> CreateMarkReadToastOnly() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Notification>>>
        {
            MutationFn = api.MarkReadAsync,
            OnMutateAsync = MarkReadThenToast,
            OnError = ToastOnly,
            OnSettledAsync = RefreshAfterToast,
        });

    private async Task<Snapshot<List<Notification>>> MarkReadThenToast(int id)
    {
        await client.CancelQueriesAsync(Keys.Notifications());
        var previous = client.GetQueryData<List<Notification>>(Keys.Notifications());
        if (previous is not null) client.SetQueryData(Keys.Notifications(), MarkRead(previous, id));
        return new Snapshot<List<Notification>>(previous);
    }

    private void ToastOnly(Exception error, int id, Snapshot<List<Notification>>? context) => toaster.Error("Could not mark as read", error);

    private Task RefreshAfterToast(Unit data, Exception? error, int id, Snapshot<List<Notification>>? context) =>
        client.InvalidateQueriesAsync(Keys.Notifications());

    // A method-group success callback that toasts.
    public Mutation<int, Unit, Snapshot<List<Notification>>> CreateMarkReadWithToast() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Notification>>>
        {
            MutationFn = api.MarkReadAsync,
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(Keys.Notifications());
                var previous = client.GetQueryData<List<Notification>>(Keys.Notifications());
                if (previous is not null) client.SetQueryData(Keys.Notifications(), MarkRead(previous, id));
                return new Snapshot<List<Notification>>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Notifications(), previous);
            },
            OnSuccess = Celebrate,
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(Keys.Notifications()),
        });

    private void Celebrate(Unit data, int id, Snapshot<List<Notification>>? context) => toaster.Success("Marked as read");

    // A synchronous method-group OnSettled that drops the invalidation's task.
    public Mutation<int, Unit, Snapshot<List<Notification>>> CreateMarkReadSyncSettled() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Notification>>>
        {
            MutationFn = api.MarkReadAsync,
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(Keys.Notifications());
                var previous = client.GetQueryData<List<Notification>>(Keys.Notifications());
                if (previous is not null) client.SetQueryData(Keys.Notifications(), MarkRead(previous, id));
                return new Snapshot<List<Notification>>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Notifications(), previous);
            },
            OnSettled = InvalidateAfterwards,
        });

    private void InvalidateAfterwards(Unit data, Exception? error, int id, Snapshot<List<Notification>>? context) =>
        client.InvalidateQueriesAsync(Keys.Notifications());

    // A method-group mutation function whose name is a delete verb.
    public Mutation<int, Unit, Snapshot<List<Notification>>> CreateDismiss() =>
        client.CreateMutation(new MutationOptions<int, Unit, Snapshot<List<Notification>>>
        {
            MutationFn = api.DeleteTodoAsync,
            OnMutateAsync = async id =>
            {
                await client.CancelQueriesAsync(Keys.Notifications());
                var previous = client.GetQueryData<List<Notification>>(Keys.Notifications());
                if (previous is not null) client.SetQueryData(Keys.Notifications(), MarkRead(previous, id));
                return new Snapshot<List<Notification>>(previous);
            },
            OnError = (error, id, context) =>
            {
                if (context?.Previous is { } previous) client.SetQueryData(Keys.Notifications(), previous);
            },
            OnSettledAsync = (data, error, id, context) => client.InvalidateQueriesAsync(Keys.Notifications()),
        });
}
