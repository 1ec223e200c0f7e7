using Optimistic.Query;
using Optimistic.Query.Sample.Backend;
using Optimistic.Query.Sample.Components;
using Optimistic.Query.Sample.Toasts;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();

// One query client per circuit: users never share a cache, and it is disposed with the circuit.
builder.Services.AddOptimisticQueryForBlazorServer();

builder.Services.AddSingleton<SimulatedBackend>();
builder.Services.AddScoped<Toaster>();
builder.Services.AddScoped<IToaster>(services => services.GetRequiredService<Toaster>());

var app = builder.Build();

app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapBackendControl();

app.Run();

/// <summary>The entry point (a type for <c>typeof(Program).Assembly</c>).</summary>
public partial class Program;
