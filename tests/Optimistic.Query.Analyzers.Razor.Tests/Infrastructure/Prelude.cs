namespace Optimistic.Query.Analyzers.Razor.Tests.Infrastructure;

/// <summary>The models and the API the test components use, in the project's one C# file.</summary>
internal static class Prelude
{
    public const string Models = """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Consumer
        {
            public sealed record Todo(int Id, string Title, bool Done);

            public sealed record TodoList(Todo[] Items)
            {
                public TodoList Toggle(int id) => this;
            }

            public interface ITodoApi
            {
                Task<Optimistic.Query.Unit> ToggleAsync(int id, CancellationToken cancellationToken);
            }
        }
        """;
}
