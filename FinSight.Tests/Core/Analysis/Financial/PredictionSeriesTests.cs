using FinSight.Core.Analysis.Financial;
using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Financial;

public sealed class PredictionSeriesTests
{
    private static string Refusal(Func<PredictionSeries> create)
    {
        var e = Assert.Throws<TrackingException>(() => create());
        Assert.Equal(TrackingErrorKind.InvalidInput, e.Kind);
        return e.Message;
    }

    [Fact]
    public void Create_NaNPrediction_RefusedNamingFieldAndIndex()
    {
        var message = Refusal(() => PredictionSeries.Create([1, 2, 3, 4], [1, 2, 3, double.NaN]));

        Assert.Equal("predicted[3] is NaN; predictions must be finite numbers.", message);
    }

    [Fact]
    public void Create_InfiniteActual_RefusedNamingFieldAndIndex() =>
        Assert.Equal("actual[1] is Infinity; actual values must be finite numbers.",
            Refusal(() => PredictionSeries.Create([1, double.PositiveInfinity], [1, 2])));

    [Fact]
    public void Create_NaNReturn_RefusedNamingFieldAndIndex() =>
        Assert.Equal("returns[0] is NaN; returns must be finite numbers.",
            Refusal(() => PredictionSeries.Create([1, 2], [1, 2], [double.NaN])));

    [Fact]
    public void Create_NaNInInputs_CalculatorRefusesToo() =>
        Assert.Throws<TrackingException>(() => FinancialMetricsCalculator.Compute([1, double.NaN], [1, 2]));

    [Fact]
    public void Create_MismatchedLengths_RefusedWithBothCounts() =>
        Assert.Equal("predicted has 2 values; it must have as many as actual (3).",
            Refusal(() => PredictionSeries.Create([1, 2, 3], [1, 2])));

    [Fact]
    public void Create_ReturnsAsLongAsActual_RefusedSayingOneFewer() =>
        Assert.Contains("returns has 3 values; it must have 2: one per period after the first",
            Refusal(() => PredictionSeries.Create([1, 2, 3], [1, 2, 3], [0.1, 0.2, 0.3])));

    [Fact]
    public void Create_EmptyOrMissing_Refused()
    {
        Assert.Equal("actual is empty; send at least one point.", Refusal(() => PredictionSeries.Create([], [])));
        Assert.StartsWith("actual is required", Refusal(() => PredictionSeries.Create(null, [1])));
        Assert.StartsWith("predicted is required", Refusal(() => PredictionSeries.Create([1], null)));
    }

    [Fact]
    public void Create_TooManyPoints_RefusedNamingTheSetting() =>
        Assert.Contains("Tracking:MaxPredictionPoints", Refusal(() => PredictionSeries.Create([1, 2, 3], [1, 2, 3], maxPoints: 2)));

    [Theory]
    [InlineData(0)]
    [InlineData(-12)]
    [InlineData(double.NaN)]
    public void Create_PeriodsPerYearNotPositive_Refused(double periods) =>
        Assert.StartsWith("periodsPerYear", Refusal(() => PredictionSeries.Create([1], [1], periodsPerYear: periods)));

    [Fact]
    public void Create_NoPeriodsPerYear_TradingDays()
    {
        var series = PredictionSeries.Create([1], [1], []);

        Assert.Equal(252, series.PeriodsPerYear);
        Assert.Empty(series.Returns!);
    }
}
