using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public class StepBucketsTests
{
    [Theory]
    [InlineData(0L, 9_999_999L, 1000)]
    [InlineData(-7L, 13L, 4)]
    [InlineData(1_700_000_000_000L, 1_700_000_123_456L, 1999)]
    [InlineData(5L, 5L, 50)]
    public void IndexOf_EveryStepNearABoundary_AgreesWithLimits(long first, long last, int maxPoints)
    {
        // Arrange
        var grid = new StepBuckets(first, last, maxPoints);
        var steps = new List<long> { first, last };
        for (var b = 0; b < grid.Count; b++)
        {
            var limit = (long)Math.Floor(grid.Limit(b));
            steps.AddRange([limit - 1, limit, limit + 1]);
        }

        // Act + Assert: the bucket is the first whose limit is above the step, or the last one.
        foreach (var step in steps.Where(s => s >= first && s <= last))
        {
            var expected = Enumerable.Range(0, grid.Count).FirstOrDefault(b => step < grid.Limit(b), grid.Count - 1);
            Assert.Equal(expected, grid.IndexOf(step));
        }
    }

    [Fact]
    public void Count_MaxPoints_LeavesRoomForFirstAndLast()
    {
        // Act + Assert: two points per bucket plus the first and last never exceed maxPoints.
        Assert.Equal(499, new StepBuckets(0, 100, 1000).Count);
        Assert.Equal(1, new StepBuckets(0, 100, 4).Count);
        Assert.Equal(1, new StepBuckets(0, 100, 5).Count);
    }
}
