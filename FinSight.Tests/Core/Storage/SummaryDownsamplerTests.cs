using FinSight.Core.Storage;
using Xunit;

namespace FinSight.Tests.Core.Storage;

public class SummaryDownsamplerTests
{
    [Theory]
    [InlineData(100_000, 4096, 1000)]
    [InlineData(100_000, 4096, 2000)]
    [InlineData(100_000, 37, 500)]
    [InlineData(50_000, 1000, 4)]
    [InlineData(50_000, 1000, 5)]
    [InlineData(20_000, 20_000, 300)]
    public async Task DownsampleAsync_OrderedSeries_SameAsFullDecodeThenMinMax(int count, int chunkPoints, int maxPoints)
    {
        // Arrange
        var series = new StoredSeries().Append(StoredSeries.Loss(count, seed: count + chunkPoints), chunkPoints);

        // Act
        var result = await series.DownsampleAsync(maxPoints);

        // Assert
        Assert.Equal(series.Reference(maxPoints), result);
    }

    [Fact]
    public async Task DownsampleAsync_LongSeriesOfLargeChunks_DecodesOnlyAFraction()
    {
        // Arrange: 1 M points in 1,000-point chunks, read for a 200-point sparkline (buckets of ~10 chunks).
        var series = new StoredSeries().Append(StoredSeries.Loss(1_000_000, seed: 7), 1000);

        // Act
        var result = await series.DownsampleAsync(200);

        // Assert: the same answer as decoding everything, from the chunks on bucket boundaries only.
        Assert.Equal(series.Reference(200), result);
        Assert.InRange(series.DecodedChunks, 1, series.Chunks.Count / 8);
    }

    [Fact]
    public async Task DownsampleAsync_SpikeAndDipInsideUndecodedChunks_BothKept()
    {
        // Arrange
        var points = Enumerable.Range(0, 200_000).Select(i => new MetricPoint(i, i, Math.Sin(i / 5000.0))).ToList();
        points[123_456] = points[123_456] with { Value = 1e9 };
        points[77_777] = points[77_777] with { Value = -1e9 };
        var series = new StoredSeries().Append(points, 1000);

        // Act
        var result = await series.DownsampleAsync(200);

        // Assert
        Assert.Contains(points[123_456], result);
        Assert.Contains(points[77_777], result);
        Assert.True(series.DecodedChunks < series.Chunks.Count);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(101)]
    [InlineData(1000)]
    public async Task DownsampleAsync_TooManyPoints_BoundedStepOrderedWithFirstAndLast(int maxPoints)
    {
        // Arrange
        var points = StoredSeries.Loss(30_000, seed: maxPoints);
        var series = new StoredSeries().Append(points, 512);

        // Act
        var result = await series.DownsampleAsync(maxPoints);

        // Assert
        Assert.InRange(result.Count, 3, maxPoints);
        Assert.Equal(points[0], result[0]);
        Assert.Equal(points[^1], result[^1]);
        Assert.Equal(result.Select(p => p.Step).Order(), result.Select(p => p.Step));
    }

    [Fact]
    public async Task DownsampleAsync_OutOfOrderRepeatedSteps_SameAsFullDecodeThenMinMax()
    {
        // Arrange: steps go back and repeat (resumed training), timestamps tie, values tie.
        var random = new Random(3);
        var points = Enumerable.Range(0, 60_000)
            .Select(i => new MetricPoint(i < 30_000 ? i : i - 20_000, 1000 + i / 7, Math.Round(random.NextDouble() * 20) / 4))
            .ToList();
        points.AddRange(Enumerable.Range(0, 500).Select(i => new MetricPoint(random.Next(40_000), 1000, random.Next(3))));
        var series = new StoredSeries().Append(points, 300);

        // Act
        var result = await series.DownsampleAsync(700);

        // Assert
        Assert.Equal(series.Reference(700), result);
    }

    [Fact]
    public async Task DownsampleAsync_SameStepAndTimestampWithinChunks_SameAsFullDecodeThenMinMax()
    {
        // Arrange: every step logged three times at the same millisecond, so arrival decides the order.
        var points = Enumerable.Range(0, 30_000).Select(i => new MetricPoint(i / 3, 5000, (i * 7919 % 101) - 50.0)).ToList();
        var series = new StoredSeries().Append(points, 64);

        // Act
        var result = await series.DownsampleAsync(300);

        // Assert
        Assert.Equal(series.Reference(300), result);
    }

    [Fact]
    public async Task DownsampleAsync_NaNStretchesAndAllNaNChunks_HolesShownMinMaxIgnoreNaN()
    {
        // Arrange: NaN every third point, and a whole NaN stretch spanning several chunks.
        var points = Enumerable.Range(0, 100_000)
            .Select(i => new MetricPoint(i, i, i % 3 == 0 || i is >= 40_000 and < 52_000 ? double.NaN : Math.Cos(i / 900.0) * i))
            .ToList();
        var series = new StoredSeries().Append(points, 1000);

        // Act
        var result = await series.DownsampleAsync(400);

        // Assert
        Assert.Equal(series.Reference(400), result);
        Assert.Contains(result, p => double.IsNaN(p.Value) && p.Step is >= 40_000 and < 52_000);
        Assert.Contains(result, p => p.Value == points.Where(q => !double.IsNaN(q.Value)).Max(q => q.Value));
        Assert.Contains(result, p => p.Value == points.Where(q => !double.IsNaN(q.Value)).Min(q => q.Value));
    }

    [Fact]
    public async Task DownsampleAsync_InfinitiesAndConstantValues_SameAsFullDecodeThenMinMax()
    {
        // Arrange: a constant series (every chunk ties) with a few infinities.
        var points = Enumerable.Range(0, 40_000)
            .Select(i => new MetricPoint(i, i, i == 12_345 ? double.PositiveInfinity : i == 33_333 ? double.NegativeInfinity : 0.001))
            .ToList();
        var series = new StoredSeries().Append(points, 500);

        // Act
        var result = await series.DownsampleAsync(100);

        // Assert
        Assert.Equal(series.Reference(100), result);
        Assert.Contains(points[12_345], result);
        Assert.Contains(points[33_333], result);
    }

    [Fact]
    public async Task DownsampleAsync_LegacyChunksWithoutExtremes_DecodedAndSameAnswer()
    {
        // Arrange: chunks written before extremes were recorded, followed by new ones.
        var points = StoredSeries.Loss(80_000, seed: 11);
        var series = new StoredSeries().Append(points.Take(30_000), 1000, legacy: true).Append(points.Skip(30_000), 1000);

        // Act
        var result = await series.DownsampleAsync(500);

        // Assert
        Assert.Equal(series.Reference(500), result);
    }

    [Theory]
    [InlineData(10_000, 60_000, 500)]
    [InlineData(12_345, 12_999, 100)]
    [InlineData(-5, 70, 10)]
    [InlineData(99_990, 200_000, 4)]
    public async Task DownsampleAsync_StepRange_SameAsFullDecodeOfRangeThenMinMax(long from, long to, int maxPoints)
    {
        // Arrange
        var series = new StoredSeries().Append(StoredSeries.Loss(100_000, seed: 5), 777);

        // Act
        var result = await series.DownsampleAsync(maxPoints, from, to);

        // Assert
        Assert.Equal(series.Reference(maxPoints, from, to), result);
        Assert.All(result, p => Assert.InRange(p.Step, from, to));
    }

    [Fact]
    public async Task DownsampleAsync_FitsInMaxPoints_EveryPointInSeriesOrder()
    {
        // Arrange: out of order across chunks, few enough to return whole.
        var points = Enumerable.Range(0, 900).Select(i => new MetricPoint((i * 37) % 450, i, i)).ToList();
        var series = new StoredSeries().Append(points, 100);

        // Act
        var result = await series.DownsampleAsync(1000);

        // Assert
        Assert.Equal(SeriesOrder.ByStep(points), result);
    }

    [Fact]
    public async Task DownsampleAsync_NoChunks_Empty()
    {
        // Act
        var result = await new StoredSeries().DownsampleAsync(1000);

        // Assert
        Assert.Empty(result);
    }
}
