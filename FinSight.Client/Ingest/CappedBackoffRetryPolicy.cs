using Microsoft.AspNetCore.SignalR.Client;

namespace FinSight.Client.Ingest;

/// <summary>
/// Reconnects forever: a training run outlives server restarts, so giving up would lose points.
/// Delays double from 100 ms up to a cap, with jitter so that many clients do not reconnect in step.
/// </summary>
internal sealed class CappedBackoffRetryPolicy(TimeSpan maxDelay) : IRetryPolicy
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);

    /// <summary>The delay before attempt number <paramref name="previousAttempts"/> + 1.</summary>
    public TimeSpan Delay(long previousAttempts)
    {
        if (previousAttempts == 0) return TimeSpan.Zero;
        var exponent = (int)Math.Min(previousAttempts - 1, 16);
        var ticks = Math.Min(FirstDelay.Ticks << exponent, maxDelay.Ticks);
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.2;
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }
}
