namespace Optimistic.Query.Tests.Mutations;

/// <summary>Records callback calls in order, from any thread, as readable strings.</summary>
internal sealed class CallLog
{
    private readonly List<string> _calls = new();

    public void Add(string call)
    {
        lock (_calls) _calls.Add(call);
    }

    public string[] Calls
    {
        get
        {
            lock (_calls) return _calls.ToArray();
        }
    }

    public static string Show(object? value) => value switch
    {
        null => "null",
        Exception e => $"{e.GetType().Name}:{e.Message}",
        _ => value.ToString()!,
    };
}
