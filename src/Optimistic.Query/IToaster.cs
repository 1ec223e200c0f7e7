using System;
using Optimistic.Query.Annotations;

namespace Optimistic.Query;

/// <summary>
/// The app's user notifications. Optimistic mutations keep error toasts and drop success toasts:
/// the optimistic flip is the feedback (rule OPT004).
/// </summary>
public interface IToaster
{
    /// <summary>Shows a success notification.</summary>
    /// <param name="message">The text shown to the user.</param>
    [ToastSuccess]
    void Success(string message);

    /// <summary>Shows an error notification.</summary>
    /// <param name="message">The text shown to the user.</param>
    /// <param name="error">The exception behind the error, if any.</param>
    [ToastError]
    void Error(string message, Exception? error = null);
}
