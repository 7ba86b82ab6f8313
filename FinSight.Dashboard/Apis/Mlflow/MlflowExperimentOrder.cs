namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// MLflow's experiment order_by: clauses "&lt;name|experiment_id|creation_time|last_update_time&gt; [ASC|DESC]" (with or
/// without <c>attributes.</c>), applied in turn; MLflow's default is newest first, ties broken by id.
/// </summary>
public sealed class MlflowExperimentOrder
{
    private readonly List<(Func<MlflowExperiment, IComparable> Key, bool Descending)> _clauses;

    private MlflowExperimentOrder(List<(Func<MlflowExperiment, IComparable> Key, bool Descending)> clauses) => _clauses = clauses;

    public static MlflowExperimentOrder Parse(IReadOnlyList<string>? orderBy)
    {
        var clauses = new List<(Func<MlflowExperiment, IComparable>, bool)>();
        foreach (var clause in orderBy ?? [])
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2 || (parts.Length == 2 && !parts[1].Equals("ASC", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase)))
                throw MlflowException.InvalidParameter($"Invalid order_by clause '{clause}'; write '<field> [ASC|DESC]'.");
            var field = parts[0].StartsWith("attributes.", StringComparison.OrdinalIgnoreCase) ? parts[0]["attributes.".Length..] : parts[0];
            Func<MlflowExperiment, IComparable> key = field.ToLowerInvariant() switch
            {
                "name" => e => e.Name,
                "experiment_id" => e => long.Parse(e.ExperimentId),
                "creation_time" => e => e.CreationTime,
                "last_update_time" => e => e.LastUpdateTime,
                _ => throw MlflowException.InvalidParameter($"Invalid order_by field '{parts[0]}'; use name, experiment_id, creation_time or last_update_time."),
            };
            clauses.Add((key, parts.Length == 2 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase)));
        }
        if (clauses.Count == 0) clauses.Add((e => e.CreationTime, true));
        clauses.Add((e => long.Parse(e.ExperimentId), false));
        return new(clauses);
    }

    public IEnumerable<MlflowExperiment> Apply(IEnumerable<MlflowExperiment> experiments)
    {
        IOrderedEnumerable<MlflowExperiment>? ordered = null;
        foreach (var (key, descending) in _clauses)
        {
            ordered = ordered is null
                ? descending ? experiments.OrderByDescending(key, Comparer<IComparable>.Default) : experiments.OrderBy(key, Comparer<IComparable>.Default)
                : descending ? ordered.ThenByDescending(key, Comparer<IComparable>.Default) : ordered.ThenBy(key, Comparer<IComparable>.Default);
        }
        return ordered!;
    }
}
