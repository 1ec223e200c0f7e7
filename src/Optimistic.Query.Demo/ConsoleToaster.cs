namespace Optimistic.Query.Demo;

/// <summary>Toasts printed to the console.</summary>
public sealed class ConsoleToaster(Action<string> log) : IToaster
{
    public void Success(string message) => log($"toast  ✓ {message}");

    public void Error(string message, Exception? error = null) =>
        log($"toast  ✗ {message}{(error is null ? "" : $": {error.Message}")}");
}
