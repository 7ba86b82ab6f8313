using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public sealed class MetricChunkCodecFirstTimestampTests
{
    [Fact]
    public void FirstTimestamp_StepsOfEveryVarintWidth_FirstPointsTimestamp()
    {
        // steps whose deltas take 1 to 10 varint bytes, and a later point with an earlier timestamp: the first in arrival order wins
        var points = new[]
        {
            new MetricPoint(long.MaxValue, 1_750_000_000_123, 1),
            new MetricPoint(-5, 1_750_000_000_000, 2),
            new MetricPoint(300, 1_750_000_999_999, double.NaN),
        };

        Assert.Equal(1_750_000_000_123, MetricChunkCodec.FirstTimestamp(MetricChunkCodec.Encode(points)));
    }

    [Fact]
    public void FirstTimestamp_OnePointOrNone_ItsTimestampOrAnError()
    {
        Assert.Equal(42, MetricChunkCodec.FirstTimestamp(MetricChunkCodec.Encode([new MetricPoint(0, 42, 0.5)])));
        Assert.Throws<InvalidDataException>(() => MetricChunkCodec.FirstTimestamp(MetricChunkCodec.Encode([])));
    }
}
