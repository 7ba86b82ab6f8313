using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public class MetricChunkCodecTests
{
    private static void AssertSamePoints(IReadOnlyList<MetricPoint> expected, IReadOnlyList<MetricPoint> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Step, actual[i].Step);
            Assert.Equal(expected[i].Timestamp, actual[i].Timestamp);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Value), BitConverter.DoubleToInt64Bits(actual[i].Value));
        }
    }

    [Fact]
    public void Decode_EncodedOrdinarySeries_SamePointsInOrder()
    {
        // Arrange
        var points = Enumerable.Range(0, 1000)
            .Select(i => new MetricPoint(i, 1_700_000_000_000 + i * 37, Math.Exp(-i / 100.0)))
            .ToArray();

        // Act
        var decoded = MetricChunkCodec.Decode(MetricChunkCodec.Encode(points));

        // Assert
        AssertSamePoints(points, decoded);
    }

    [Fact]
    public void Decode_OutOfOrderAndNegativeSteps_KeepsArrivalOrder()
    {
        // Arrange
        MetricPoint[] points =
        [
            new(10, 5000, 1.0),
            new(3, 4000, 2.0),
            new(-7, 6000, 3.0),
            new(-7, 100, 4.0),
            new(long.MinValue, 0, 5.0),
            new(long.MaxValue, 0, 6.0),
            new(0, 1, 7.0),
        ];

        // Act
        var decoded = MetricChunkCodec.Decode(MetricChunkCodec.Encode(points));

        // Assert
        AssertSamePoints(points, decoded);
    }

    [Fact]
    public void Decode_HugeAndJumpingTimestamps_Unchanged()
    {
        // Arrange
        MetricPoint[] points =
        [
            new(0, long.MaxValue, 0.0),
            new(1, 0, 0.0),
            new(2, long.MaxValue, 0.0),
            new(3, long.MinValue, 0.0),
            new(4, 253_402_300_799_999, 0.0), // 9999-12-31
        ];

        // Act
        var decoded = MetricChunkCodec.Decode(MetricChunkCodec.Encode(points));

        // Assert
        AssertSamePoints(points, decoded);
    }

    [Fact]
    public void Decode_SpecialDoubles_ExactBitsKept()
    {
        // Arrange
        var payloadNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);
        MetricPoint[] points =
        [
            new(1, 1, double.NaN),
            new(2, 2, double.PositiveInfinity),
            new(3, 3, double.NegativeInfinity),
            new(4, 4, -0.0),
            new(5, 5, double.Epsilon),
            new(6, 6, double.MaxValue),
            new(7, 7, payloadNaN),
        ];

        // Act
        var decoded = MetricChunkCodec.Decode(MetricChunkCodec.Encode(points));

        // Assert
        AssertSamePoints(points, decoded);
    }

    [Fact]
    public void Decode_EmptyChunk_NoPoints()
    {
        // Arrange
        var blob = MetricChunkCodec.Encode([]);

        // Act
        var decoded = MetricChunkCodec.Decode(blob);

        // Assert
        Assert.Empty(decoded);
        Assert.Equal(0, MetricChunkCodec.Count(blob));
    }

    [Fact]
    public void DecodeInto_ExistingList_AppendsAfterExistingPoints()
    {
        // Arrange
        var into = new List<MetricPoint> { new(0, 0, 9.0) };
        MetricPoint[] points = [new(1, 10, 1.0), new(2, 20, 2.0)];

        // Act
        MetricChunkCodec.DecodeInto(MetricChunkCodec.Encode(points), into);

        // Assert
        AssertSamePoints([new(0, 0, 9.0), .. points], into);
    }

    [Fact]
    public void DecodeColumns_BuffersReusedThenOutgrown_SamePointsAsDecode()
    {
        // Arrange: big jumps (multi-byte varints), going back, and values whose bits must survive.
        MetricPoint[] small = [new(5, 1_700_000_000_000, double.NaN), new(-3, 1_600_000_000_000, double.NegativeInfinity), new(1L << 40, 0, -0.0)];
        var large = Enumerable.Range(0, 300).Select(i => new MetricPoint(i * 1000L, i, i / 7.0)).ToArray();
        long[] steps = new long[4], timestamps = new long[4];
        var values = new double[4];

        // Act
        var smallCount = MetricChunkCodec.DecodeColumns(MetricChunkCodec.Encode(small), ref steps, ref timestamps, ref values);
        var smallDecoded = Enumerable.Range(0, smallCount).Select(i => new MetricPoint(steps[i], timestamps[i], values[i])).ToList();
        var largeCount = MetricChunkCodec.DecodeColumns(MetricChunkCodec.Encode(large), ref steps, ref timestamps, ref values);
        var largeDecoded = Enumerable.Range(0, largeCount).Select(i => new MetricPoint(steps[i], timestamps[i], values[i])).ToList();

        // Assert
        AssertSamePoints(small, smallDecoded);
        AssertSamePoints(large, largeDecoded);
        Assert.True(steps.Length >= 300);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(20_000)]
    public void Count_EncodedChunk_ReadsPointCountFromHeader(int n)
    {
        // Arrange
        var points = Enumerable.Range(0, n).Select(i => new MetricPoint(i, i, i)).ToArray();
        var blob = MetricChunkCodec.Encode(points);

        // Act
        var count = MetricChunkCodec.Count(blob);

        // Assert
        Assert.Equal(n, count);
    }

    [Fact]
    public void Count_OnlyHeaderPresent_StillReadsCount()
    {
        // Arrange: the count sits right after the version byte, so a header alone is enough.
        var blob = MetricChunkCodec.Encode([new(1, 1, 1.0), new(2, 2, 2.0), new(3, 3, 3.0)]);

        // Act
        var count = MetricChunkCodec.Count(blob.AsSpan(0, 2));

        // Assert
        Assert.Equal(3, count);
    }

    [Fact]
    public void Decode_TruncatedBlob_ThrowsInvalidData()
    {
        // Arrange
        var points = Enumerable.Range(0, 50).Select(i => new MetricPoint(i * 1000, i * 100_000, i)).ToArray();
        var blob = MetricChunkCodec.Encode(points);

        // Act + Assert: every possible truncation is detected, none decodes to wrong points.
        for (var length = 0; length < blob.Length; length++)
        {
            var truncated = blob[..length];
            Assert.Throws<InvalidDataException>(() => MetricChunkCodec.Decode(truncated));
        }
    }

    [Fact]
    public void Decode_TrailingBytes_ThrowsInvalidData()
    {
        // Arrange
        byte[] blob = [.. MetricChunkCodec.Encode([new(1, 1, 1.0)]), 0];

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => MetricChunkCodec.Decode(blob));

        // Assert
        Assert.Contains("corrupt", ex.Message);
    }

    [Fact]
    public void Decode_UnknownVersion_ThrowsInvalidData()
    {
        // Arrange
        var blob = MetricChunkCodec.Encode([new(1, 1, 1.0)]);
        blob[0] = 99;

        // Act
        var ex = Assert.Throws<InvalidDataException>(() => MetricChunkCodec.Decode(blob));

        // Assert
        Assert.Contains("unknown format 99", ex.Message);
    }

    [Fact]
    public void Count_EmptyBlob_ThrowsInvalidData()
    {
        // Act
        var ex = Assert.Throws<InvalidDataException>(() => MetricChunkCodec.Count([]));

        // Assert
        Assert.Contains("(empty)", ex.Message);
    }

    [Fact]
    public void Encode_SmallForwardSteps_CompactEncoding()
    {
        // Arrange: steps +1 and timestamps +100 ms cost one byte each, plus 8 for the value.
        var points = Enumerable.Range(0, 1000).Select(i => new MetricPoint(i, 1_700_000_000_000 + i * 100, 0.5)).ToArray();

        // Act
        var blob = MetricChunkCodec.Encode(points);

        // Assert
        Assert.True(blob.Length < 1000 * 12, $"expected under 12 bytes per point, got {blob.Length} bytes");
    }
}
