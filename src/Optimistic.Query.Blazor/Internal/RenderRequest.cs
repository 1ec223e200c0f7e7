using System;
using System.Threading.Tasks;

namespace Optimistic.Query.Blazor.Internal;

/// <summary>
/// Asks a component to re-render from any thread. The component's render callback is expected to marshal to the
/// renderer's dispatcher (<c>() =&gt; InvokeAsync(StateHasChanged)</c>). A failed render is a listener failure: it goes to
/// the logger and to <see cref="QueryClientOptions.OnListenerError"/>, never back into the cache's delivery or a
/// mutation's callbacks. A renderer already disposed (the circuit is gone) is only logged, at debug level.
/// </summary>
internal static class RenderRequest
{
    public static void Send(Func<Task> render, QueryClientOptions options)
    {
        Task task;
        try
        {
            task = render();
        }
        catch (Exception error) // a synchronous failure of the callback itself
        {
            Report(options, error);
            return;
        }
        if (task.IsCompletedSuccessfully) return;
        _ = ObserveAsync(task, options);
    }

    private static async Task ObserveAsync(Task task, QueryClientOptions options)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception error) // the renderer is gone or the render threw: reported, the cache carries on
        {
            Report(options, error);
        }
    }

    private static void Report(QueryClientOptions options, Exception error)
    {
        BlazorLog.RenderFailed(options.Logger, error);
        if (error is ObjectDisposedException || options.OnListenerError is not { } hook) return;
        try
        {
            hook(error);
        }
        catch (Exception hookError) // the hook is the last stop; its own failure is logged and ignored
        {
            BlazorLog.RenderFailed(options.Logger, hookError);
        }
    }
}
