namespace Optimistic.Query.Cache;

/// <summary>Something that watches one entry (a <see cref="QueryObserver{T}"/>); keeps the entry active.</summary>
internal interface IQueryEntryObserver
{
    /// <summary>Called outside every cache lock after the entry's state changed to <paramref name="state"/>.</summary>
    void OnEntryChanged(QueryEntry entry, EntryState state);
}
