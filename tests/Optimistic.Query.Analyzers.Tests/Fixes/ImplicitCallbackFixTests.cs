using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Rules;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Optimistic.Query.Analyzers.Tests.Wrappers;
using Optimistic.Query.CodeFixes;

namespace Optimistic.Query.Analyzers.Tests.Fixes;

/// <summary>
/// A wrapper's built-in invalidation (<c>[MutationInvalidates]</c>, an implicit callback) is not written in the definition:
/// no fix edits it. A diagnostic pointing at it gets no fix (OPT007 at the wrapper's key argument), or a fix that adds its own
/// member beside it (OPT006's OnSettledAsync); the callbacks the definition does write stay fixable.
/// </summary>
public class ImplicitCallbackFixTests
{
    /// <summary>A wrapped optimistic definition restoring through the wrapper; <paramref name="onError"/> is OnError's body.</summary>
    private static string Wrapped(string wrapper, string prefix, string onError = "            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);") =>
        WrapperSources.InViewModel(@"
    public object Define() => Feature." + wrapper + @"(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            Feature.Set(notificationsKey, new NotificationsPage(new Notification[0]));
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
" + onError + @"
        },
    }, " + prefix + ");");

    /// <summary><see cref="Wrapped"/> with an OnSettledAsync member added after OnError, invalidating with the wrapper's own method.</summary>
    private static string WithSettled(string wrapped) =>
        wrapped.Replace(
            "        },\n    }, ",
            "        },\n        OnSettledAsync = (data, error, input, context) => Feature.InvalidateAsync(notificationsKey),\n    }, ",
            StringComparison.Ordinal);

    [Fact]
    public Task OPT006_with_the_wrappers_success_only_invalidation_gets_an_OnSettledAsync_beside_it() =>
        // The diagnostic lies at the wrapper method's name, outside the definition it was found from, which Roslyn classes as
        // non-local. The wrapper's built-in invalidation stays: the fix adds its own, with the [QueryInvalidate] method.
        new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test
        {
            TestCode = Wrapped("{|OPT006:UseMutationInvalidatingOnSuccess|}", "notificationsKey"),
            FixedCode = WithSettled(Wrapped("UseMutationInvalidatingOnSuccess", "notificationsKey")),
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();

    [Fact]
    public Task OPT006_with_the_wrappers_settled_invalidation_of_another_prefix_gets_an_OnSettledAsync_beside_it() =>
        new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test
        {
            TestCode = Wrapped("UseMutation", "QueryKey.Create(\"users\")").Replace("        OnMutateAsync = async", "        {|OPT006:OnMutateAsync|} = async", StringComparison.Ordinal),
            FixedCode = WithSettled(Wrapped("UseMutation", "QueryKey.Create(\"users\")")),
        }.RunAsync();

    [Fact]
    public Task OPT006_is_not_reported_when_the_wrappers_settled_invalidation_covers_the_key()
    {
        var source = Wrapped("UseMutation", "notificationsKey");
        return new CSharpCodeFixVerifier<InvalidateInOnSettledAnalyzer, InvalidateInOnSettledCodeFixProvider>.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public Task OPT007_at_the_wrappers_key_argument_gets_no_fix()
    {
        var source = Wrapped("UseMutation", "[|QueryKey.Create(\"users\")|]");
        // The diagnostic lies outside the definition it was found from (a method group's body, a wrapper's member), which Roslyn
        // classes as non-local; the test asserts that no fix is offered for it.
        return new CSharpCodeFixVerifier<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();
    }

    [Fact]
    public Task OPT007_in_a_callback_the_wrapped_definition_writes_is_still_fixed() =>
        new CSharpCodeFixVerifier<MismatchedKeyAnalyzer, UsePatchedKeyCodeFixProvider>.Test
        {
            TestCode = Wrapped("UseMutation", "notificationsKey", "            if (context?.Previous is { } previous) Feature.Set([|QueryKey.Create(\"users\")|], previous);"),
            FixedCode = Wrapped("UseMutation", "notificationsKey"),
        }.RunAsync();
}
