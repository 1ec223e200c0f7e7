using Avalonia.Threading;

namespace Optimistic.Query.Mvvm.Tests.Binding;

/// <summary>
/// A real Avalonia binding (core only, no platform: Avalonia's desktop and headless packages do not restore here) to an
/// <see cref="ObservableQuery{T}"/>, with the cache changed on the thread pool. The text must update, and every change
/// must be raised on Avalonia's UI thread (Avalonia's own bindings would marshal a change raised elsewhere, but the
/// view model's other listeners, a command's CanExecuteChanged or a collection view, would not).
/// </summary>
public sealed class AvaloniaBindingTests
{
    [Fact]
    public void A_bound_text_in_a_compiled_axaml_control_updates_after_a_cache_change_on_another_thread()
    {
        var key = QueryKey.Create("title");
        var client = new QueryClient();
        client.SetQueryData(key, "before");

        // Avalonia's dispatcher belongs to the thread that first uses it: a thread of the test's own, so no other test
        // (on xunit's pool) can own it. Everything Avalonia runs there.
        Exception? failure = null;
        var ui = new Thread(() =>
        {
            try
            {
                Run(client, key);
            }
            catch (Exception error)
            {
                failure = error;
            }
        });
        ui.Start();
        Assert.True(ui.Join(Support.UiThread.Timeout), "the Avalonia thread did not finish");
        if (failure is not null) throw new Xunit.Sdk.XunitException("On the Avalonia thread: " + failure);
    }

    private static void Run(QueryClient client, QueryKey key)
    {
        Dispatcher.UIThread.VerifyAccess(); // this thread is now Avalonia's UI thread
        AvaloniaSynchronizationContext.InstallIfNeeded(); // what Avalonia's app loop installs on its UI thread

        using var viewModel = new TitleViewModel(client, key);
        var raisedOffTheUiThread = new List<string?>();
        viewModel.Title.PropertyChanged += (_, e) =>
        {
            if (!Dispatcher.UIThread.CheckAccess()) lock (raisedOffTheUiThread) raisedOffTheUiThread.Add(e.PropertyName);
        };
        var view = new TitleView { DataContext = viewModel };
        Assert.Equal("before", view.ShownTitle);

        Assert.True(Task.Run(() => client.SetQueryData(key, "after")).Wait(Support.UiThread.Timeout));
        // The change was posted to Avalonia's dispatcher, not applied on the pool thread: run its queue until it shows.
        var deadline = DateTime.UtcNow + Support.UiThread.Timeout;
        while (view.ShownTitle != "after" && DateTime.UtcNow < deadline)
        {
            Dispatcher.UIThread.RunJobs();
            Thread.Yield();
        }

        Assert.Equal("after", view.ShownTitle);
        lock (raisedOffTheUiThread) Assert.Empty(raisedOffTheUiThread);
    }
}
