using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Optimistic.Query.Blazor.Internal;

/// <summary>
/// Asks a component to re-render from any thread. The component's render callback is expected to marshal to the
/// renderer's dispatcher (<c>() =&gt; InvokeAsync(StateHasChanged)</c>); its failures are logged, never thrown back
/// into the cache's listener delivery or a mutation's callbacks.
/// </summary>
internal static class RenderRequest
{
    public static void Send(Func<Task> render, ILogger? logger)
    {
        Task task;
        try
        {
            task = render();
        }
        catch (Exception error) // a synchronous failure of the callback itself
        {
            BlazorLog.RenderFailed(logger, error);
            return;
        }
        if (task.IsCompletedSuccessfully) return;
        _ = ObserveAsync(task, logger);
    }

    private static async Task ObserveAsync(Task task, ILogger? logger)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception error) // the renderer is gone or the render threw: logged, the cache carries on
        {
            BlazorLog.RenderFailed(logger, error);
        }
    }
}
