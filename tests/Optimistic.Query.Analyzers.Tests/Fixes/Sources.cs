namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>Shared declarations of the fix tests: the data types, the API, and a class holding the client.</summary>
internal static class Sources
{
    /// <summary>Types every test source uses; goes in a second document so that test texts stay short.</summary>
    public const string Support = """
        using System.Collections.Immutable;
        using System.Threading;
        using System.Threading.Tasks;
        using Optimistic.Query;

        public sealed record Notification(int Id, bool Read);
        public sealed record NotificationsPage(ImmutableList<Notification> Notifications);
        public sealed record Todo(int Id, string Title);
        public sealed record TodoList(ImmutableList<Todo> Items);
        public sealed record RenameTodo(int Id, string Title);

        public interface IApi
        {
            Task<Unit> MarkAsReadAsync(int id, CancellationToken cancellationToken);
            Task<Todo> RenameTodoAsync(RenameTodo input, CancellationToken cancellationToken);
            Task<Unit> DeleteTodoAsync(int id, CancellationToken cancellationToken);
            Task<Todo> CreateTodoAsync(string title, CancellationToken cancellationToken);
        }

        public static class Keys
        {
            public static QueryKey Todo(int id) => QueryKey.Create("todo", id);
        }
        """;

    /// <summary>The usual head of a test document: usings and a class with client, api, toaster and two keys.</summary>
    public const string Head = """
        using System.Threading.Tasks;
        using Optimistic.Query;

        public sealed class Feature
        {
            private readonly QueryClient client;
            private readonly IApi api;
            private readonly IToaster toaster;
            private readonly QueryKey notificationsKey = QueryKey.Create("notifications");
            private readonly QueryKey todosKey = QueryKey.Create("todos");

            public Feature(QueryClient client, IApi api, IToaster toaster)
            {
                this.client = client;
                this.api = api;
                this.toaster = toaster;
            }

        """;

    public const string Tail = """
        }

        """;

    /// <summary>Indents every line of <paramref name="text"/> by <paramref name="spaces"/> (interpolation indents the first line only).</summary>
    public static string Indent(string text, int spaces = 4) =>
        string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));

    /// <summary>A document made of <see cref="Head"/>, the members, and <see cref="Tail"/>.</summary>
    public static string Document(string members, string className = "Feature") =>
        (Head + members + Tail).Replace("Feature", className, System.StringComparison.Ordinal);
}
