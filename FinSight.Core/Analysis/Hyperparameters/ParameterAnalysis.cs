namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>One param's relation to the target metric.</summary>
/// <param name="Name">The param key.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Effect">Whether it shows a clear effect, none, or never varies.</param>
/// <param name="Runs">How many of the usable runs logged it.</param>
/// <param name="Correlation">Pearson's r of the param's value and the target (numeric params only; null for categorical and constant ones, or with fewer than 3 runs).</param>
/// <param name="CorrelationPValue">Two-sided p-value of <paramref name="Correlation"/>.</param>
/// <param name="Spearman">Spearman's ρ (rank correlation: any monotone relation, not only a straight line).</param>
/// <param name="SpearmanPValue">Two-sided p-value of <paramref name="Spearman"/>.</param>
/// <param name="CorrelationRatio">
/// Categorical params only: the correlation ratio η (0 = every value gives the same mean target, 1 = the value fixes
/// the target). Categories have no order, so there is no signed correlation for them.
/// </param>
/// <param name="CorrelationRatioPValue">The one-way ANOVA p-value of <paramref name="CorrelationRatio"/>.</param>
/// <param name="Importance">
/// Permutation importance: how much of the forest's R² is lost when this param is shuffled (0 = none; summed over a
/// categorical param's one-hot columns). Null for constant params and when the target never varies.
/// </param>
/// <param name="ImportanceShare">This param's share of all params' importance (0–1), for comparing params at a glance.</param>
/// <param name="OptimalMin">Numeric params: the smallest value among the best runs that logged it.</param>
/// <param name="OptimalMax">Numeric params: the largest value among the best runs that logged it.</param>
/// <param name="OptimalMinText"><paramref name="OptimalMin"/> as logged ("1e-4").</param>
/// <param name="OptimalMaxText"><paramref name="OptimalMax"/> as logged.</param>
/// <param name="OptimalRange">The optimal range as logged ("1e-4 – 3e-4", one value, or the best runs' categorical values), for display.</param>
/// <param name="Values">Categorical params: the values the best runs used, most frequent first; constant params: their one value.</param>
/// <param name="BestValueCounts">Categorical params: how many best runs used each value.</param>
/// <param name="BestRunsWithValue">How many of the best runs logged the param.</param>
public sealed record ParameterAnalysis(
    string Name,
    ParameterKind Kind,
    ParameterEffect Effect,
    int Runs,
    double? Correlation,
    double? CorrelationPValue,
    double? Spearman,
    double? SpearmanPValue,
    double? CorrelationRatio,
    double? CorrelationRatioPValue,
    double? Importance,
    double? ImportanceShare,
    double? OptimalMin,
    double? OptimalMax,
    string? OptimalMinText,
    string? OptimalMaxText,
    string? OptimalRange,
    IReadOnlyList<string>? Values,
    IReadOnlyList<ValueCount>? BestValueCounts,
    int BestRunsWithValue);
