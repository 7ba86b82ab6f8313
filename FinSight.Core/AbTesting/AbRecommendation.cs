using System.Globalization;

namespace FinSight.Core.AbTesting;

/// <summary>The verdict, the variant to ship (if any) and the sentence that says what to do.</summary>
public sealed record AbDecision(AbVerdict Verdict, string? Winner, string Recommendation);

/// <summary>
/// Turns corrected results into one decision. The checks run in order of how much they undermine the
/// rest: no data, then a broken split (nothing can be trusted), then harm to a guardrail (stop whatever the
/// primary says), then the planned sample size (no winner before it, since peeking at a running test inflates
/// false positives), and only then the primary metric.
/// </summary>
public static class AbRecommendation
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Decides from the corrected metric results (primary first), the SRM check and whether the planned size is
    /// reached. A stopped or ended test (<paramref name="status"/>) short of its planned size is inconclusive
    /// rather than told to keep running.
    /// </summary>
    public static AbDecision Decide(AbTestDesign design, IReadOnlyList<AbMetricResult> metrics, AbSrmResult srm, bool sampleSizeReached,
        AbTestStatus status = AbTestStatus.Running)
    {
        if (metrics.All(m => m.Variants.All(v => v.N == 0)))
            return new(AbVerdict.NoData, null, "No observations yet: send observations for the primary metric to see results.");

        if (srm.Flagged)
            return new(AbVerdict.SampleRatioMismatch, null,
                $"Don't trust these results: units per variant don't match the split (sample ratio mismatch, {P(srm.PValue)}); check how units are assigned.");

        var harm = metrics.Where(m => m.Guardrail)
            .SelectMany(m => m.Variants.Where(v => v.Worse).Select(v => (Metric: m, Row: v)))
            .OrderBy(h => h.Row.PValueAdjusted)
            .FirstOrDefault();
        if (harm.Row is { } harmed)
            return new(AbVerdict.GuardrailHarmed, null,
                $"Stop: variant {harmed.Name} harms guardrail {harm.Metric.Key} ({Lift(harmed)}, adjusted {P(harmed.PValueAdjusted)}).");

        var primary = metrics[0];
        if (!sampleSizeReached)
        {
            var smallest = primary.Variants.Min(v => v.N);
            if (status.IsFinal())
                return new(AbVerdict.Inconclusive, null,
                    $"Inconclusive: the test {status.ToWire()} with {smallest.ToString("N0", Invariant)} units in its smallest variant, short of the planned {design.PlannedSampleSize.ToString("N0", Invariant)}; too few to name a winner.");
            var more = design.PlannedSampleSize - smallest;
            return new(AbVerdict.KeepRunning, null,
                $"Keep running: about {more.ToString("N0", Invariant)} more units per variant are needed to reach the planned {design.PlannedSampleSize.ToString("N0", Invariant)}.");
        }

        var direction = design.Primary.Direction;
        var winner = primary.Variants.Where(v => v.Better)
            .OrderByDescending(v => MetricComparison.Improvement(direction, v.AbsoluteLift!.Value))
            .FirstOrDefault();
        if (winner is not null)
            return new(AbVerdict.Ship, winner.Name,
                $"Ship variant {winner.Name}: {primary.Key} is {LiftWithInterval(winner, design.Alpha)} against control, adjusted {P(winner.PValueAdjusted)}.");

        var treatments = primary.Variants.Where(v => !v.IsControl).ToList();
        var sentence = treatments.Count > 0 && treatments.All(v => v.Worse)
            ? $"Inconclusive: no variant beats control on {primary.Key} at the planned sample size; control is better — keep control."
            : $"Inconclusive: no variant differs significantly from control on {primary.Key} at the planned sample size.";
        return new(AbVerdict.Inconclusive, null, sentence);
    }

    /// <summary>"+8.1%" (relative), or the signed absolute difference when the control mean is 0.</summary>
    private static string Lift(AbVariantResult row) =>
        row.Lift is { } lift ? Percent(lift) : Signed(row.AbsoluteLift ?? 0);

    private static string LiftWithInterval(AbVariantResult row, double alpha)
    {
        var level = ((1 - alpha) * 100).ToString("0.#", Invariant) + "%";
        if (row.Lift is { } lift)
            return row.LiftCiLow is { } low && row.LiftCiHigh is { } high
                ? $"{Percent(lift)} ({level} CI {Percent(low)} to {Percent(high)})"
                : Percent(lift);
        var difference = Signed(row.AbsoluteLift ?? 0);
        return row.AbsoluteLiftCiLow is { } dLow && row.AbsoluteLiftCiHigh is { } dHigh
            ? $"{difference} ({level} CI {Signed(dLow)} to {Signed(dHigh)})"
            : difference;
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("+0.0;-0.0;0.0", Invariant) + "%";

    private static string Signed(double value) => (value > 0 ? "+" : "") + value.ToString("G4", Invariant);

    /// <summary>"p = 0.003", "p = 2.1e-05", or "p &lt; 1e-300" where it underflowed.</summary>
    private static string P(double? p) => p switch
    {
        null => "p unknown",
        < 1e-300 => "p < 1e-300",
        < 0.001 => "p = " + p.Value.ToString("0.0e-00", Invariant),
        _ => "p = " + p.Value.ToString("0.###", Invariant),
    };
}
