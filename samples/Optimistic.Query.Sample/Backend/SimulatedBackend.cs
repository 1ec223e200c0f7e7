namespace Optimistic.Query.Sample.Backend;

/// <summary>
/// The sample's server, in memory: every call waits <see cref="Latency"/>; while <see cref="FailRequests"/> is on, the
/// writes (mark as read, pause, resume) fail after that wait. Reads and writes can also be held until released, so the
/// browser tests can look at the page while a request is provably still pending.
/// </summary>
public sealed class SimulatedBackend
{
    public const int PageSize = 20;
    private const int NotificationCount = 45;

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _fetches = new(StringComparer.Ordinal);
    private List<Notification> _notifications = new();
    private List<HealthCheckConfiguration> _configurations = new();
    private TaskCompletionSource? _readHold;
    private TaskCompletionSource? _writeHold;
    private int _writesStarted;
    private int _writesCompleted;
    private int _readsAnswered;

    public SimulatedBackend(IConfiguration configuration)
    {
        Latency = TimeSpan.FromMilliseconds(configuration.GetValue("Backend:LatencyMs", 800));
        Reset();
    }

    /// <summary>How long each call takes.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When on, the next writes fail (the page's "Make the next requests fail" switch).</summary>
    public bool FailRequests { get; set; }

    /// <summary>Raised when a setting changes, so every open page shows it.</summary>
    public event Action? SettingsChanged;

    public async Task<NotificationsPage> GetNotificationsAsync(int limit, int offset, bool unreadOnly, CancellationToken cancellationToken)
    {
        Count($"notifications:{offset}:{unreadOnly}");
        await WaitAsync(read: true);
        lock (_gate)
        {
            _readsAnswered++;
            var matching = _notifications.Where(n => !unreadOnly || !n.IsRead).ToList();
            return new NotificationsPage(matching.Skip(offset).Take(limit).ToList(), matching.Count);
        }
    }

    public async Task MarkAsReadAsync(string notificationId, CancellationToken cancellationToken)
    {
        await WriteAsync(cancellationToken, () =>
        {
            int index = _notifications.FindIndex(n => n.Id == notificationId);
            if (index < 0) throw new InvalidOperationException($"Notification {notificationId} does not exist.");
            _notifications[index] = _notifications[index] with { IsRead = true };
        });
    }

    public async Task<HealthCheckConfigurationList> GetConfigurationsAsync(CancellationToken cancellationToken)
    {
        Count("configurations");
        await WaitAsync(read: true);
        lock (_gate)
        {
            _readsAnswered++;
            return new HealthCheckConfigurationList(_configurations.ToList());
        }
    }

    public async Task SetPausedAsync(string configurationId, bool paused, CancellationToken cancellationToken)
    {
        await WriteAsync(cancellationToken, () =>
        {
            int index = _configurations.FindIndex(c => c.Id == configurationId);
            if (index < 0) throw new InvalidOperationException($"Configuration {configurationId} does not exist.");
            _configurations[index] = _configurations[index] with { Paused = paused };
        });
    }

    public void ChangeSettings(TimeSpan latency, bool failRequests)
    {
        Latency = latency < TimeSpan.Zero ? TimeSpan.Zero : latency;
        FailRequests = failRequests;
        SettingsChanged?.Invoke();
    }

    /// <summary>Holds reads or writes (<paramref name="what"/>: "reads" or "writes") until <see cref="Release"/>.</summary>
    public void Hold(string what)
    {
        lock (_gate)
        {
            if (what == "reads") _readHold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            else _writeHold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release(string what)
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            if (what == "reads") (hold, _readHold) = (_readHold, null);
            else (hold, _writeHold) = (_writeHold, null);
        }
        hold?.TrySetResult();
    }

    public BackendStats Stats()
    {
        lock (_gate) return new BackendStats(new Dictionary<string, int>(_fetches), _readsAnswered, _writesStarted, _writesCompleted, FailRequests);
    }

    /// <summary>Back to the seeded data, no holds, no failures, counters at zero.</summary>
    public void Reset()
    {
        Release("reads");
        Release("writes");
        lock (_gate)
        {
            var start = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
            _notifications = Enumerable.Range(1, NotificationCount)
                .Select(i => new Notification($"n{i}", $"Notification {i}: check {(i % 3 == 0 ? "api" : i % 3 == 1 ? "db" : "queue")} is {(i % 2 == 0 ? "degraded" : "back up")}",
                    start.AddMinutes(-i), IsRead: i % 4 == 0))
                .ToList();
            _configurations = new List<HealthCheckConfiguration>
            {
                new("c1", "API latency", "https://api.internal/health", TimeSpan.FromSeconds(30), Paused: false),
                new("c2", "Database", "postgres://db.internal", TimeSpan.FromMinutes(1), Paused: false),
                new("c3", "Queue depth", "amqp://queue.internal", TimeSpan.FromMinutes(5), Paused: true),
                new("c4", "Certificate expiry", "https://www.example.com", TimeSpan.FromHours(12), Paused: false),
            };
            _fetches.Clear();
            _writesStarted = 0;
            _writesCompleted = 0;
            _readsAnswered = 0;
        }
        FailRequests = false;
        SettingsChanged?.Invoke();
    }

    private async Task WriteAsync(CancellationToken cancellationToken, Action apply)
    {
        lock (_gate) _writesStarted++;
        try
        {
            await WaitAsync(read: false);
            if (FailRequests) throw new HttpRequestException("The server rejected the request (the sample's failure switch is on).");
            lock (_gate) apply();
        }
        finally
        {
            lock (_gate) _writesCompleted++;
        }
    }

    /// <summary>
    /// The round trip. The client's cancellation token is deliberately not honoured: a request already on the wire is
    /// answered whether or not the client still wants it, and the cache must discard answers to cancelled fetches.
    /// </summary>
    private async Task WaitAsync(bool read)
    {
        Task? hold;
        lock (_gate) hold = (read ? _readHold : _writeHold)?.Task;
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
        if (hold is not null) await hold;
    }

    private void Count(string what)
    {
        lock (_gate) _fetches[what] = _fetches.GetValueOrDefault(what) + 1;
    }
}

/// <summary>What the server has seen, for the browser tests.</summary>
public sealed record BackendStats(IReadOnlyDictionary<string, int> Fetches, int ReadsAnswered, int WritesStarted, int WritesCompleted, bool FailRequests);
