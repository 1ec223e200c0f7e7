namespace Optimistic.Query.CodeFixes.Common;

/// <summary>
/// What a fixer decided for one diagnostic, against the original tree: the title it offers, and (in the fixer's subclass)
/// whatever it needs to apply the edit.
/// </summary>
internal abstract class FixPlan
{
    protected FixPlan(string title) => Title = title;

    public string Title { get; }
}
