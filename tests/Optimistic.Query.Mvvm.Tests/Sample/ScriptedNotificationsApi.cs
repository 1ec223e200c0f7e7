using System.Threading.Channels;
using Optimistic.Query.Mvvm.Sample.Notifications;
using Optimistic.Query.Mvvm.Tests.Support;

namespace Optimistic.Query.Mvvm.Tests.Sample;

/// <summary>
/// The Notifications server, answering each call when the test says so, from a pool thread (as a network reply lands).
/// A list call whose token is cancelled ends cancelled, as an HTTP call would.
/// </summary>
internal sealed class ScriptedNotificationsApi : INotificationsApi
{
    private readonly Channel<ListCall> _listCalls = Channel.CreateUnbounded<ListCall>();
    private readonly Channel<(MarkAsReadInput Input, TaskCompletionSource<Unit> Reply)> _markCalls =
        Channel.CreateUnbounded<(MarkAsReadInput, TaskCompletionSource<Unit>)>();

    public Task<NotificationsPage> GetNotificationsAsync(CancellationToken cancellationToken)
    {
        var call = new ListCall(new TaskCompletionSource<NotificationsPage>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        cancellationToken.Register(() => call.Reply.TrySetCanceled(cancellationToken));
        _listCalls.Writer.TryWrite(call);
        return call.Reply.Task;
    }

    public Task<Unit> MarkAsReadAsync(MarkAsReadInput input, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<Unit>(TaskCreationOptions.RunContinuationsAsynchronously);
        _markCalls.Writer.TryWrite((input, reply));
        return reply.Task;
    }

    /// <summary>The next list call the client made (waits for it, bounded).</summary>
    public async Task<ListCall> NextListCallAsync() => await _listCalls.Reader.ReadAsync().AsTask().WaitAsync(UiThread.Timeout);

    /// <summary>Answers the next list call with <paramref name="page"/>.</summary>
    public async Task AnswerNextListCallAsync(NotificationsPage page)
    {
        var call = await NextListCallAsync();
        await Task.Run(() => call.Reply.SetResult(page));
    }

    /// <summary>Answers the next mark-as-read call: success, or <paramref name="error"/>. Returns its input.</summary>
    public async Task<MarkAsReadInput> AnswerNextMarkCallAsync(Exception? error = null)
    {
        var (input, reply) = await _markCalls.Reader.ReadAsync().AsTask().WaitAsync(UiThread.Timeout);
        await Task.Run(() =>
        {
            if (error is null) reply.SetResult(Unit.Value);
            else reply.SetException(error);
        });
        return input;
    }

    internal sealed record ListCall(TaskCompletionSource<NotificationsPage> Reply, CancellationToken Token);
}
