using System;

namespace Optimistic.Query.Mvvm;

/// <summary>How a <see cref="MutationCommand{TVariables, TData, TContext}"/> behaves.</summary>
/// <typeparam name="TVariables">The mutation's input (the command parameter).</typeparam>
public sealed class MutationCommandOptions<TVariables>
{
    /// <summary>
    /// Whether the command may run again while a run is pending. Off by default: a double click does not send the
    /// mutation twice (as CommunityToolkit's <c>AsyncRelayCommand</c>). Mutations in one <c>Scope</c> run one at a time
    /// either way.
    /// </summary>
    public bool AllowConcurrentExecutions { get; init; }

    /// <summary>An extra condition for <c>CanExecute</c> (e.g. a form is valid); call <c>NotifyCanExecuteChanged</c> when it changes.</summary>
    public Func<TVariables?, bool>? CanExecute { get; init; }

    /// <summary>Where state changes are raised; null for <see cref="UiDispatcher.FromCurrentThread"/> at creation.</summary>
    public IUiDispatcher? Dispatcher { get; init; }
}
