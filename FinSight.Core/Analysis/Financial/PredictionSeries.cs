using System.Globalization;
using FinSight.Core.Tracking;

namespace FinSight.Core.Analysis.Financial;

/// <summary>
/// A checked series of actual values and predictions, with the optional returns of a strategy trading on them.
/// Create one with <see cref="Create"/>, which refuses anything the metrics cannot be computed from.
/// </summary>
/// <remarks>
/// <para><b>Returns</b> hold one value per period after the first: <c>r_1 … r_{n−1}</c>, the same positions the
/// derived strategy returns take, so <c>returns.Length == actual.Length − 1</c> (none for a single point).</para>
/// <para>Every value must be a finite number: a NaN or infinity is refused with the field and index named, because
/// one NaN would silently make every metric NaN.</para>
/// </remarks>
public sealed class PredictionSeries
{
    /// <summary>Periods per year used when none is given: trading days.</summary>
    public const double DefaultPeriodsPerYear = 252;

    private PredictionSeries(double[] actual, double[] predicted, double[]? returns, double periodsPerYear)
    {
        Actual = actual;
        Predicted = predicted;
        Returns = returns;
        PeriodsPerYear = periodsPerYear;
    }

    /// <summary>The actual values <c>a_0 … a_{n−1}</c>; at least one.</summary>
    public IReadOnlyList<double> Actual { get; }

    /// <summary>The predictions <c>p_0 … p_{n−1}</c>, as many as <see cref="Actual"/>.</summary>
    public IReadOnlyList<double> Predicted { get; }

    /// <summary>The given returns <c>r_1 … r_{n−1}</c>, or null to derive the strategy's returns from the predictions.</summary>
    public IReadOnlyList<double>? Returns { get; }

    /// <summary>Periods per year (<c>k</c>) used to annualize the Sharpe ratio and volatility.</summary>
    public double PeriodsPerYear { get; }

    /// <summary>Number of points (<c>n</c>).</summary>
    public int Count => Actual.Count;

    /// <summary>Checks and copies a series.</summary>
    /// <param name="actual">The actual values; required, at least one.</param>
    /// <param name="predicted">The predictions; as many as <paramref name="actual"/>.</param>
    /// <param name="returns">Optional returns, one fewer than <paramref name="actual"/>.</param>
    /// <param name="periodsPerYear">Positive; <see cref="DefaultPeriodsPerYear"/> when null.</param>
    /// <param name="maxPoints">Most points accepted (the server's <c>Tracking:MaxPredictionPoints</c>).</param>
    /// <exception cref="TrackingException">A rule is broken; the message names the field (and index) and the rule.</exception>
    public static PredictionSeries Create(IReadOnlyList<double>? actual, IReadOnlyList<double>? predicted, IReadOnlyList<double>? returns = null,
        double? periodsPerYear = null, int maxPoints = int.MaxValue)
    {
        if (actual is null) throw TrackingException.Invalid("actual is required: an array of numbers, one per period.");
        if (actual.Count == 0) throw TrackingException.Invalid("actual is empty; send at least one point.");
        if (actual.Count > maxPoints)
            throw TrackingException.Invalid($"actual holds {actual.Count} points; the limit is {maxPoints} per call (Tracking:MaxPredictionPoints).");
        if (predicted is null) throw TrackingException.Invalid("predicted is required: an array of numbers, as many as actual.");
        if (predicted.Count != actual.Count)
            throw TrackingException.Invalid($"predicted has {predicted.Count} values; it must have as many as actual ({actual.Count}).");
        if (returns is not null && returns.Count != actual.Count - 1)
        {
            throw TrackingException.Invalid(
                $"returns has {returns.Count} values; it must have {actual.Count - 1}: one per period after the first (r_1 … r_(n−1)), since actual has {actual.Count} points.");
        }
        var k = periodsPerYear ?? DefaultPeriodsPerYear;
        if (!double.IsFinite(k) || k <= 0)
            throw TrackingException.Invalid($"periodsPerYear {Show(k)} must be a positive number (252 for trading days, 52 for weeks, 12 for months).");
        return new PredictionSeries(
            Finite(actual, "actual", "actual values"),
            Finite(predicted, "predicted", "predictions"),
            returns is null ? null : Finite(returns, "returns", "returns"),
            k);
    }

    private static double[] Finite(IReadOnlyList<double> values, string field, string what)
    {
        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var value = values[i];
            if (!double.IsFinite(value)) throw TrackingException.Invalid($"{field}[{i}] is {Show(value)}; {what} must be finite numbers.");
            copy[i] = value;
        }
        return copy;
    }

    private static string Show(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
