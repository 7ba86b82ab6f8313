using System.Globalization;
using FinSight.Core.Analysis.Financial;
using FinSight.Core.Contracts;
using FinSight.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Run;

/// <summary>
/// The run's financial metrics (<c>fin/*</c>, logged by <c>POST /runs/{runId}/predictions</c>): the latest value of each,
/// fractions as percentages and the rest as numbers, with the definition under its name. Known metrics come in
/// <see cref="FinancialMetricNames.All"/>'s order, any other <c>fin/*</c> key after them.
/// </summary>
public sealed partial class FinancialMetricsPanel : ComponentBase
{
    private List<Row> _rows = [];

    /// <summary>The run's metric summaries; only the <c>fin/*</c> ones are shown.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<MetricSummary> Metrics { get; set; } = [];

    protected override void OnParametersSet()
    {
        var byKey = Metrics.ToDictionary(m => m.Key, StringComparer.Ordinal);
        _rows = FinancialMetricNames.Order(byKey.Keys).Select(k => ToRow(byKey[k])).ToList();
    }

    /// <summary>A fraction as a percentage with two decimals (0.0123 → "1.23%"); anything else with four significant digits.</summary>
    public static string Format(double value, FinancialMetricUnit unit) =>
        unit == FinancialMetricUnit.Fraction && double.IsFinite(value)
            ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
            : Display.Number(value);

    private static Row ToRow(MetricSummary metric)
    {
        var definition = FinancialMetricDefinitions.Find(metric.Key);
        return new Row(
            metric.Key,
            "fin-metric-" + metric.Key[FinancialMetricNames.Prefix.Length..].Replace('/', '-'),
            definition?.Title ?? metric.Key[FinancialMetricNames.Prefix.Length..],
            definition?.Definition,
            Format(metric.Latest, definition?.Unit ?? FinancialMetricUnit.Number),
            metric.Latest.ToString("R", CultureInfo.InvariantCulture));
    }

    private sealed record Row(string Key, string ElementId, string Title, string? Definition, string Value, string RawValue);
}
