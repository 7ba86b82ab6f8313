using Xunit;
using FinSight.Client.Ingest;

namespace FinSight.Tests.Client.Ingest;

public class CappedBackoffRetryPolicyTests
{
    [Fact]
    public void Delay_FirstAttempt_IsImmediate()
    {
        // Arrange
        var policy = new CappedBackoffRetryPolicy(TimeSpan.FromSeconds(5));

        // Act
        var delay = policy.Delay(0);

        // Assert
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void Delay_ManyAttempts_NeverExceedsCapAndNeverGivesUp()
    {
        // Arrange
        var cap = TimeSpan.FromSeconds(5);
        var policy = new CappedBackoffRetryPolicy(cap);

        // Act
        var delays = Enumerable.Range(1, 1000).Select(attempt => policy.Delay(attempt)).ToList();

        // Assert
        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.FromMilliseconds(1), cap));
        Assert.True(delays[^1] > TimeSpan.FromSeconds(3));
    }
}
