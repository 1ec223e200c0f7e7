namespace Optimistic.Query;

/// <summary>
/// The usual mutation context: the value of the patched query before OnMutate wrote to it,
/// returned from OnMutate and read back in OnError to roll back.
/// </summary>
/// <typeparam name="T">The query's data type.</typeparam>
/// <param name="Previous">The value before the optimistic write; null on a cache miss.</param>
public sealed record Snapshot<T>(T? Previous);
