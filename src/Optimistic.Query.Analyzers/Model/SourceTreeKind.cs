namespace Optimistic.Query.Analyzers.Model;

/// <summary>What a syntax tree holds, as far as the rules care: they analyze user code and Razor component output only.</summary>
internal enum SourceTreeKind
{
    /// <summary>Code the user wrote (not generated).</summary>
    User,

    /// <summary>The C# the Razor source generator emits for a <c>.razor</c> component: user code behind <c>#line</c> mappings.</summary>
    RazorComponent,

    /// <summary>Any other generated code (<see cref="GeneratedCode"/>): not analyzed.</summary>
    OtherGenerated,
}
