namespace SevStack.Sources.Archives;

/// <summary>How hard <see cref="Downloader"/> tries: attempts, the first backoff delay (doubled each retry), and how long a stalled read may hang.</summary>
public sealed record DownloadPolicy(int Attempts = 5, TimeSpan? FirstRetryDelay = null, TimeSpan? StallTimeout = null)
{
    public TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromTicks((FirstRetryDelay ?? TimeSpan.FromSeconds(1)).Ticks * (1L << Math.Min(failedAttempts - 1, 6)));

    public TimeSpan Stall => StallTimeout ?? TimeSpan.FromSeconds(60);
}
