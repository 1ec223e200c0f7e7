using Microsoft.CodeAnalysis.Testing;
using Optimistic.Query.Analyzers.Model;
using Optimistic.Query.Analyzers.Tests.Verifiers;
using Verify001 = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.CancelBeforeOptimisticWriteAnalyzer>;
using Verify002 = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.MissingRollbackAnalyzer>;
using Verify006 = Optimistic.Query.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Optimistic.Query.Analyzers.Rules.InvalidateInOnSettledAnalyzer>;

namespace Optimistic.Query.Analyzers.Tests.Wrappers;

/// <summary>
/// A user's wrapper around <c>QueryClient</c> stays analyzable: its own cache methods carrying the annotations are understood,
/// and a wrapper method marked <c>[MutationInvalidates(phase)]</c> gives the definition passed to it an implicit invalidation.
/// </summary>
public class WrapperTests
{
    private static MutationCallback[] Implicit(MutationModel model) => model.Callbacks.Where(c => c.IsImplicit).ToArray();

    [Fact]
    public async Task Settled_wrapper_adds_an_implicit_settled_invalidation_of_its_key_argument()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);")));
        Assert.True(model.IsOptimistic);
        var callback = Assert.Single(Implicit(model));
        Assert.Equal(CallbackPhase.Settled, callback.Phase);
        Assert.Equal("UseMutation", callback.Name);
        Assert.True(callback.IsAnalyzable);
        var operation = Assert.Single(callback.Operations);
        Assert.Equal(CacheOperationKind.Invalidate, operation.Kind);
        Assert.Equal("notificationsKey", operation.Key!.Text);
        Assert.Equal(KeyRelation.Same, KeyRelations.Relate(operation.Key, model.OptimisticWrites(CancellationToken.None)[0].Key));
        Assert.True(model.MaySetPhase(CallbackPhase.Settled));
        Assert.Same(callback, model.Callbacks[model.Callbacks.Length - 1]);
    }

    [Fact]
    public async Task Success_wrapper_adds_a_success_invalidation_only()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutationInvalidatingOnSuccess(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);")));
        var callback = Assert.Single(Implicit(model));
        Assert.Equal(CallbackPhase.Success, callback.Phase);
        Assert.Empty(model.InPhase(CallbackPhase.Settled));
    }

    [Fact]
    public async Task Attribute_used_twice_adds_one_implicit_callback_per_phase()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutationInvalidatingOnBoth(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);")));
        Assert.Equal(new[] { CallbackPhase.Success, CallbackPhase.Error }, Implicit(model).Select(c => c.Phase).ToArray());
    }

    [Fact]
    public async Task Prefix_argument_covers_the_written_key()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            Feature.Set(QueryKey.Create(""notifications"", ""page"", 1), new NotificationsPage(new Notification[0]));
            return new Snapshot<NotificationsPage>(null);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, QueryKey.Create(""notifications""));")));
        var operation = Assert.Single(Assert.Single(Implicit(model)).Operations);
        Assert.Equal(KeyRelation.Covers, KeyRelations.Relate(operation.Key, model.OptimisticWrites(CancellationToken.None)[0].Key));
    }

    [Fact]
    public async Task Wrapper_without_key_parameter_invalidates_every_key()
    {
        var source = WrapperSources.InViewModel(@"
    public object Define() => Feature.UseFeatureMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    });");
        var model = Assert.Single(await ModelProbe.ModelsAsync(source));
        var operation = Assert.Single(Assert.Single(Implicit(model)).Operations);
        Assert.Null(operation.KeyExpression);
        Assert.True(operation.ReachesAnyKey);
    }

    [Fact]
    public async Task Definition_stored_in_a_local_first_is_not_connected_to_the_wrapper()
    {
        var source = WrapperSources.InViewModel(@"
    public object Define()
    {
        var options = new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>> { OnMutate = input => null };
        return Feature.UseMutation(options, notificationsKey);
    }");
        var model = Assert.Single(await ModelProbe.ModelsAsync(source));
        Assert.Empty(Implicit(model));
    }

    [Fact]
    public async Task Plain_CreateMutation_has_no_implicit_callback()
    {
        var model = Assert.Single(await ModelProbe.ModelsAsync(WrapperSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    });")));
        Assert.Empty(Implicit(model));
    }

    // OPT001: the wrapper's own cancel/get/set methods.

    [Fact]
    public Task OPT001_is_silent_when_the_wrappers_cancel_is_awaited_first() =>
        Verify001.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"));

    [Fact]
    public Task OPT001_reports_the_wrappers_read_before_its_cancel() =>
        Verify001.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            var previous = {|#0:Feature.Get<NotificationsPage>(notificationsKey)|};
            await Feature.CancelAsync(notificationsKey);
            Feature.Set(notificationsKey, previous);
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"),
            Verify001.Diagnostic("OPT001").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("notificationsKey"));

    [Fact]
    public Task OPT001_reports_the_wrappers_write_without_any_cancel() =>
        Verify001.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Task.Yield();
            [|Feature.Set(notificationsKey, new NotificationsPage(new Notification[0]))|];
            return new Snapshot<NotificationsPage>(null);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"));

    // OPT002: the wrapper's own write restores; a built-in invalidation on error is a rollback.

    [Fact]
    public Task OPT002_is_silent_when_OnError_restores_through_the_wrapper() =>
        Verify002.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"));

    [Fact]
    public Task OPT002_reports_a_missing_rollback_through_the_wrapper() =>
        Verify002.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        {|#0:OnMutateAsync|} = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"),
            Verify002.Diagnostic("OPT002").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("notificationsKey"));

    [Fact]
    public Task OPT002_is_silent_when_the_wrapper_invalidates_on_error() =>
        Verify002.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutationInvalidatingOnBoth(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
    }, notificationsKey);"));

    [Fact]
    public Task OPT002_still_reports_when_the_wrapper_invalidates_on_success_only() =>
        Verify002.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutationInvalidatingOnSuccess(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        [|OnMutateAsync|] = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
    }, notificationsKey);"));

    // OPT006: the wrapper's built-in invalidation is the OnSettled invalidation.

    [Fact]
    public Task OPT006_is_satisfied_by_the_wrappers_built_in_invalidation_on_settled() =>
        Verify006.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"));

    [Fact]
    public Task OPT006_is_satisfied_by_built_in_invalidations_on_success_and_error() =>
        Verify006.VerifyAnalyzerAsync(WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutationInvalidatingOnBoth(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"));

    [Fact]
    public Task OPT006_still_fires_when_the_wrapper_invalidates_on_success_only() =>
        Verify006.VerifyAnalyzerAsync(
            WrapperSources.InViewModel(@"
    public object Define() => Feature.{|#0:UseMutationInvalidatingOnSuccess|}(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);"),
            Verify006.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("notificationsKey", "only OnSuccess invalidates it"));

    [Fact]
    public Task OPT006_fires_without_the_wrapper() =>
        Verify006.VerifyAnalyzerAsync(
            WrapperSources.InViewModel(@"
    public object Define() => client.CreateMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        {|#0:OnMutateAsync|} = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    });"),
            Verify006.Diagnostic("OPT006").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("notificationsKey", "nothing invalidates it once the mutation settles"));

    [Fact]
    public async Task Every_rule_is_silent_on_the_wrapped_canonical_pattern() =>
        Assert.Empty(await AnalyzerRunner.RunAsync(AnalyzerSet.All(), WrapperSources.InViewModel(@"
    public object Define() => Feature.UseMutation(new MutationOptions<MarkAsReadInput, Unit, Snapshot<NotificationsPage>>
    {
        MutationFn = (input, ct) => api.MarkAsReadAsync(input, ct),
        OnMutateAsync = async input =>
        {
            await Feature.CancelAsync(notificationsKey);
            var previous = Feature.Get<NotificationsPage>(notificationsKey);
            if (previous is not null)
                Feature.Set(notificationsKey, previous with { Notifications = MarkRead(previous.Notifications, input.NotificationId) });
            return new Snapshot<NotificationsPage>(previous);
        },
        OnError = (error, input, context) =>
        {
            if (context?.Previous is { } previous) Feature.Set(notificationsKey, previous);
            toaster.Error(""Failed to mark as read"", error);
        },
    }, notificationsKey);")));
}
