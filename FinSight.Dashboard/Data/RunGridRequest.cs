using FinSight.Core.Query;

namespace FinSight.Dashboard.Data;

/// <summary>One page of an experiment's runs grid: search, filter, sort, paging and the chosen param/metric columns.</summary>
public sealed record RunGridRequest(string ExperimentId)
{
    public const int MaxPageSize = 1000;

    /// <summary>Case-insensitive substring of the run name or run id.</summary>
    public string? Search { get; init; }

    /// <summary>A filter in <see cref="RunFilter"/> syntax; empty keeps every run.</summary>
    public RunFilter Filter { get; init; } = RunFilter.All;

    public RunGridSort Sort { get; init; } = RunGridSort.Default;

    public int PageIndex { get; init; }

    public int PageSize { get; init; } = 25;

    /// <summary>Params, tags and metric summaries to return with each row, in this order.</summary>
    public IReadOnlyList<FilterField> Columns { get; init; } = [];
}
