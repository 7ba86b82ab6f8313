namespace FinSight.Core.Analysis.Financial;

/// <summary>A financial metric's name, title and definition, as the run page and the API documentation state them.</summary>
/// <param name="Key">The metric's name, e.g. <c>fin/mae</c>.</param>
/// <param name="Title">A short human title, e.g. "MAE".</param>
/// <param name="Definition">
/// The formula in words, with <c>a</c> the actual values, <c>p</c> the predictions, <c>r</c> the returns and <c>k</c>
/// the periods per year.
/// </param>
/// <param name="Unit">Whether the value is a fraction (shown as a percentage) or a plain number.</param>
public sealed record FinancialMetricDefinition(string Key, string Title, string Definition, FinancialMetricUnit Unit);
