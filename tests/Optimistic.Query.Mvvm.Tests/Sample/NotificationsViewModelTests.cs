using System.Collections.Immutable;
using Optimistic.Query.Mvvm.Sample.Notifications;
using Optimistic.Query.Mvvm.Tests.Support;

namespace Optimistic.Query.Mvvm.Tests.Sample;

/// <summary>
/// The sample's Notifications view model, driven as a user would (a click on the UI thread) against a server that answers
/// when told: the contract's four steps, as the bound view sees them.
/// </summary>
public sealed class NotificationsViewModelTests : IDisposable
{
    private static readonly NotificationsPage TwoUnread = new(ImmutableList.Create(
        new Notification(1, "Build passed", false),
        new Notification(2, "Review requested", false)));

    private static readonly NotificationsPage FirstRead = TwoUnread.MarkRead(1);

    private readonly UiThread _ui = new();
    private readonly QueryClient _client = new();
    private readonly ScriptedNotificationsApi _api = new();
    private readonly RecordingToaster _toaster = new();

    public void Dispose()
    {
        Assert.Empty(_ui.Context.UnhandledExceptions);
        _ui.Dispose();
    }

    [Fact]
    public async Task A_click_flips_the_row_before_the_server_answers_then_reconciles_without_a_success_toast()
    {
        var viewModel = await LoadedAsync();

        var execution = await _ui.RunAsync<Task>(() => viewModel.MarkAsReadCommand.ExecuteAsync(Row(viewModel, 1)));
        await Condition.WaitAsync(_ui, viewModel.Notifications, () => Row(viewModel, 1).IsRead, "the row flipped");
        Assert.Equal((true, false), await _ui.RunAsync(() => (viewModel.MarkAsReadCommand.IsPending, viewModel.MarkAsReadCommand.CanExecute(Row(viewModel, 2)))));

        Assert.Equal(new MarkAsReadInput(1), await _api.AnswerNextMarkCallAsync());
        await _api.AnswerNextListCallAsync(FirstRead); // OnSettled's invalidation refetched the list
        await execution.WaitAsync(UiThread.Timeout);

        Assert.Equal(MutationStatus.Success, await _ui.RunAsync(() => viewModel.MarkAsReadCommand.State.Status));
        Assert.Equal(FirstRead, await _ui.RunAsync(() => viewModel.Notifications.Data));
        Assert.Empty(_toaster.Toasts);
        await _ui.RunAsync(viewModel.Dispose);
    }

    [Fact]
    public async Task A_failed_mark_rolls_the_row_back_shows_one_error_toast_and_reconciles()
    {
        var viewModel = await LoadedAsync();
        var failure = new HttpRequestException("503 Service Unavailable");

        var execution = await _ui.RunAsync<Task>(() => viewModel.MarkAsReadCommand.ExecuteAsync(Row(viewModel, 1)));
        await Condition.WaitAsync(_ui, viewModel.Notifications, () => Row(viewModel, 1).IsRead, "the row flipped");
        await _api.AnswerNextMarkCallAsync(failure);
        var reconcile = await _api.NextListCallAsync(); // OnSettled's invalidation, after the rollback
        await Condition.WaitAsync(_ui, viewModel.Notifications, () => !Row(viewModel, 1).IsRead, "the row rolled back");
        await Task.Run(() => reconcile.Reply.SetResult(TwoUnread));
        await execution.WaitAsync(UiThread.Timeout);

        Assert.Equal(TaskStatus.RanToCompletion, execution.Status);
        var toast = Assert.Single(_toaster.Toasts);
        Assert.Equal(("error", "Failed to mark as read", (Exception?)failure), toast);
        Assert.Equal((true, (Exception?)failure), await _ui.RunAsync(() => (viewModel.MarkAsReadCommand.IsError, viewModel.MarkAsReadCommand.Error)));
        Assert.Equal(TwoUnread, await _ui.RunAsync(() => viewModel.Notifications.Data));
        await _ui.RunAsync(viewModel.Dispose);
    }

    [Fact]
    public async Task A_refetch_in_flight_when_the_row_is_clicked_is_cancelled_before_the_patch()
    {
        var viewModel = await LoadedAsync();
        _ = await _ui.RunAsync<Task>(() => viewModel.Notifications.RefetchAsync());
        var inFlight = await _api.NextListCallAsync();

        var execution = await _ui.RunAsync<Task>(() => viewModel.MarkAsReadCommand.ExecuteAsync(Row(viewModel, 1)));
        await Condition.WaitAsync(_ui, viewModel.Notifications, () => Row(viewModel, 1).IsRead, "the row flipped");

        // The patch is only written once the cancel returned: the stale reply can no longer overwrite it.
        Assert.True(inFlight.Token.IsCancellationRequested);
        await _api.AnswerNextMarkCallAsync();
        await _api.AnswerNextListCallAsync(FirstRead);
        await execution.WaitAsync(UiThread.Timeout);
        Assert.Equal(FirstRead, await _ui.RunAsync(() => viewModel.Notifications.Data));
        await _ui.RunAsync(viewModel.Dispose);
    }

    [Fact]
    public async Task A_read_row_cannot_be_marked_again()
    {
        var viewModel = await LoadedAsync(FirstRead);

        Assert.Equal((false, true), await _ui.RunAsync(() =>
            (viewModel.MarkAsReadCommand.CanExecute(Row(viewModel, 1)), viewModel.MarkAsReadCommand.CanExecute(Row(viewModel, 2)))));
        await _ui.RunAsync(viewModel.Dispose);
    }

    private async Task<NotificationsViewModel> LoadedAsync(NotificationsPage? page = null)
    {
        var viewModel = await _ui.RunAsync(() => new NotificationsViewModel(_client, _api, _toaster));
        await _api.AnswerNextListCallAsync(page ?? TwoUnread);
        await Condition.WaitAsync(_ui, viewModel.Notifications, () => viewModel.Notifications.Data is not null, "the list loaded");
        return viewModel;
    }

    private static Notification Row(NotificationsViewModel viewModel, int id) => viewModel.Notifications.Data!.Notifications.Single(n => n.Id == id);
}
