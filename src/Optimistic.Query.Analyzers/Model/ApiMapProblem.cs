namespace Optimistic.Query.Analyzers.Model;

/// <summary>
/// An entry of the third-party API map that the analyzers ignore (OPT013): an unknown key, a malformed value, or a name that
/// resolves to nothing in the compilation.
/// </summary>
internal readonly struct ApiMapProblem
{
    public ApiMapProblem(string key, string entry, string reason)
    {
        Key = key;
        Entry = entry;
        Reason = reason;
    }

    /// <summary>The key as the analyzers read it (lower case: config keys are case-insensitive), with its prefix.</summary>
    public string Key { get; }

    /// <summary>The ignored list entry, or the whole value of an unknown key.</summary>
    public string Entry { get; }

    /// <summary>Why it is ignored, a clause completing "the entry …".</summary>
    public string Reason { get; }
}
