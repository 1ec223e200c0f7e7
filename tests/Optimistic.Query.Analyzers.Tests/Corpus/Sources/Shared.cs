// The app every corpus file is written against: its records, its API and its query keys.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Optimistic.Query;

namespace Corpus;

public sealed record Todo(int Id, string Title, bool Done);
public sealed record TodoInput(int Id, string Title);
public sealed record ToggleInput(int Id, bool Done);
public sealed record NewTodo(string Title);
public sealed record TodoPage(IReadOnlyList<Todo> Items, int Total);
public sealed record Profile(string Name, string Email);
public sealed record Settings(bool DarkMode, string Language);
public sealed record Notification(int Id, string Text, bool IsRead);
public sealed record Comment(int Id, int PostId, string Text);
public sealed record NewComment(int PostId, string Text);
public sealed record Stats(int Open, int Done);

public interface ITodoApi
{
    Task<Unit> UpdateTodoAsync(TodoInput input, CancellationToken cancellationToken);
    Task<Unit> SetDoneAsync(ToggleInput input, CancellationToken cancellationToken);
    Task<Todo> CreateTodoAsync(NewTodo input, CancellationToken cancellationToken);
    Task<Todo> PostTodoAsync(NewTodo input, CancellationToken cancellationToken);
    Task<Unit> DeleteTodoAsync(int id, CancellationToken cancellationToken);
    Task<Unit> ArchiveAsync(int id, CancellationToken cancellationToken);
    Task<Unit> SaveProfileAsync(Profile profile, CancellationToken cancellationToken);
    Task<Unit> SaveSettingsAsync(Settings settings, CancellationToken cancellationToken);
    Task<Unit> MarkReadAsync(int id, CancellationToken cancellationToken);
    Task<Comment> PostCommentAsync(NewComment input, CancellationToken cancellationToken);
    Task<Unit> RemoveCommentAsync(int id, CancellationToken cancellationToken);
}

public static class Keys
{
    public static QueryKey Todos() => QueryKey.Create("todos");
    public static QueryKey Todo(int id) => QueryKey.Create("todos", id);
    public static QueryKey Page(int page) => QueryKey.Create("todos", "page", page);
    public static QueryKey Profile() => QueryKey.Create("profile");
    public static QueryKey Settings() => QueryKey.Create("settings");
    public static QueryKey Notifications() => QueryKey.Create("notifications");
    public static QueryKey Comments(int postId) => QueryKey.Create("comments", postId);
    public static QueryKey Stats() => QueryKey.Create("stats");
}

public static class TodoEdits
{
    public static TodoPage Toggle(TodoPage page, int id, bool done)
    {
        var items = new List<Todo>();
        foreach (var item in page.Items) items.Add(item.Id == id ? item with { Done = done } : item);
        return page with { Items = items };
    }
}
