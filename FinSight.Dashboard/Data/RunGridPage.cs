using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Data;

/// <summary>A value of a chosen column: text for params and tags, a number for metrics (NaN when logged as NaN); null when absent.</summary>
public sealed record RunGridValue(string? Text, double? Number)
{
    public static readonly RunGridValue Missing = new(null, null);
}

/// <summary>A run with the values of the chosen columns, in the request's column order.</summary>
public sealed record RunGridRow(RunInfo Run, IReadOnlyList<RunGridValue> Values);

/// <summary>One page of rows and how many runs match in all.</summary>
public sealed record RunGridPage(IReadOnlyList<RunGridRow> Rows, int TotalCount);

/// <summary>The keys an experiment's runs have logged, for the column picker.</summary>
public sealed record RunColumnKeys(IReadOnlyList<string> ParamKeys, IReadOnlyList<string> MetricKeys, IReadOnlyList<string> TagKeys);
