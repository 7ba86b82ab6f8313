using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Tracking;

public class TrackingLimitsTests
{
    [Fact]
    public void Problems_Defaults_None()
    {
        // Arrange
        var limits = new TrackingLimits();

        // Act
        var problems = limits.Problems().ToList();

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void Problems_ZeroPointsPerBatch_NamesSettingAndValue()
    {
        // Arrange
        var limits = new TrackingLimits { MaxPointsPerBatch = 0 };

        // Act
        var problems = limits.Problems().ToList();

        // Assert
        Assert.Equal("Tracking:MaxPointsPerBatch must be between 1 and 1000000 (was 0).", Assert.Single(problems));
    }

    [Fact]
    public void Problems_SeveralBadLimits_ReportsEach()
    {
        // Arrange
        var limits = new TrackingLimits { MaxKeyLength = 1001, MaxBatchIdLength = 257, MaxNameLength = -1 };

        // Act
        var problems = limits.Problems().ToList();

        // Assert
        Assert.Equal(3, problems.Count);
        Assert.Contains("Tracking:MaxKeyLength must be between 1 and 1000 (was 1001).", problems);
        Assert.Contains("Tracking:MaxBatchIdLength must be between 1 and 256 (was 257).", problems);
        Assert.Contains("Tracking:MaxNameLength must be at least 1 (was -1).", problems);
    }

    [Fact]
    public void Problems_SmallestUsableLimits_None()
    {
        // Arrange
        var limits = new TrackingLimits
        {
            MaxKeyLength = 1, MaxParamValueLength = 1, MaxTagValueLength = 1, MaxPointsPerBatch = 1,
            MaxParamsPerBatch = 1, MaxTagsPerBatch = 1, MaxBatchIdLength = 1, MaxNameLength = 1,
        };

        // Act
        var problems = limits.Problems().ToList();

        // Assert
        Assert.Empty(problems);
    }
}
