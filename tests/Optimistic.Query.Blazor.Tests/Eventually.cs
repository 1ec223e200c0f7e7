namespace Optimistic.Query.Blazor.Tests;

/// <summary>Waits for a condition that another thread makes true (a listener delivery handed to another thread).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Never true: {what}.");
            await Task.Delay(10);
        }
    }
}
