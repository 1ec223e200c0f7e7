using System;
using System.Threading;

namespace Optimistic.Query.Mvvm;

/// <summary>The dispatchers the package provides.</summary>
public static class UiDispatcher
{
    /// <summary>
    /// Raises on the calling thread's <see cref="SynchronizationContext"/> (the UI thread's, when called there, as a view
    /// model's constructor usually is); where there is none (a console app, a plain unit test), on <see cref="Immediate"/>.
    /// </summary>
    /// <returns>A dispatcher bound to the current synchronization context, or <see cref="Immediate"/>.</returns>
    public static IUiDispatcher FromCurrentThread() =>
        SynchronizationContext.Current is { } context ? new SynchronizationContextDispatcher(context) : Immediate;

    /// <summary>
    /// Posts to <paramref name="context"/>: <see cref="IUiDispatcher.CheckAccess"/> is true where
    /// <see cref="SynchronizationContext.Current"/> is that context.
    /// </summary>
    /// <param name="context">The UI thread's synchronization context.</param>
    /// <returns>A dispatcher posting to <paramref name="context"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static IUiDispatcher FromSynchronizationContext(SynchronizationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SynchronizationContextDispatcher(context);
    }

    /// <summary>
    /// No UI thread: changes are raised on the thread that made them, at once. For code without a UI (console apps,
    /// services, tests that assert on the raising thread).
    /// </summary>
    public static IUiDispatcher Immediate { get; } = new ImmediateDispatcher();

    private sealed class SynchronizationContextDispatcher(SynchronizationContext context) : IUiDispatcher
    {
        public bool CheckAccess() => ReferenceEquals(SynchronizationContext.Current, context);

        public void Post(Action action) => context.Post(static state => ((Action)state!)(), action);
    }

    private sealed class ImmediateDispatcher : IUiDispatcher
    {
        public bool CheckAccess() => true;

        public void Post(Action action) => action();
    }
}
