namespace Optimistic.Query.Mvvm.Tests.Support;

/// <summary>Waits for a condition that a property change makes true, bounded by <see cref="UiThread.Timeout"/>.</summary>
internal static class Condition
{
    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checked on the UI thread now and after each of
    /// <paramref name="source"/>'s property changes.
    /// </summary>
    public static async Task WaitAsync(UiThread ui, System.ComponentModel.INotifyPropertyChanged source, Func<bool> condition, string what)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, System.ComponentModel.PropertyChangedEventArgs e)
        {
            if (condition()) met.TrySetResult();
        }

        await ui.RunAsync(() =>
        {
            source.PropertyChanged += Check;
            if (condition()) met.TrySetResult();
        });
        try
        {
            await met.Task.WaitAsync(UiThread.Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not met within {UiThread.Timeout.TotalSeconds} s: {what}");
        }
        finally
        {
            await ui.RunAsync(() => source.PropertyChanged -= Check);
        }
    }
}
