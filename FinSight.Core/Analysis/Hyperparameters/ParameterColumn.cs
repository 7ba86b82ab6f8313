namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>
/// One param across the usable runs, read once: numeric when every logged value is a number and at least two
/// numbers differ, categorical otherwise (a run without the param is the category "(none)"), constant when every
/// run has the same value (or none).
/// </summary>
internal sealed class ParameterColumn
{
    public const string Missing = "(none)";
    public const string Other = "(other)";

    // A param with a value per run (a path, a timestamp) would one-hot into as many columns as runs: rare values share one.
    private const int MaxCategories = 30;

    private ParameterColumn(string name, ParameterKind kind, bool constant, IReadOnlyList<string?> texts, IReadOnlyList<double> numbers,
        IReadOnlyList<string> categories)
    {
        Name = name;
        Kind = kind;
        Constant = constant;
        Texts = texts;
        Numbers = numbers;
        Categories = categories;
    }

    public string Name { get; }
    public ParameterKind Kind { get; }
    public bool Constant { get; }

    /// <summary>The logged value per run, null where a run lacks the param.</summary>
    public IReadOnlyList<string?> Texts { get; }

    /// <summary>Numeric params: the value per run, NaN where missing. Empty for categorical ones.</summary>
    public IReadOnlyList<double> Numbers { get; }

    /// <summary>Categorical params: the one-hot categories, most frequent first (then by text).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>How many runs logged the param.</summary>
    public int Present => Texts.Count(t => t is not null);

    /// <summary>The category of run <paramref name="index"/>: its value, "(none)", or "(other)" for values past the cap.</summary>
    public string CategoryOf(int index)
    {
        var text = Texts[index] ?? Missing;
        return Categories.Contains(text, StringComparer.Ordinal) ? text : Other;
    }

    public static IReadOnlyList<ParameterColumn> Build(IReadOnlyList<HyperparameterRun> runs)
    {
        var names = runs.SelectMany(r => r.Params.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return names.Select(name => Read(name, runs.Select(r => r.Params.GetValueOrDefault(name)).ToList())).ToList();
    }

    private static ParameterColumn Read(string name, List<string?> texts)
    {
        var present = texts.Where(t => t is not null).Select(t => t!).ToList();
        var numbers = texts.Select(t => t is null ? double.NaN : ParamComparison.Parse(t)).ToList();
        var allNumeric = present.Count > 0 && present.All(t => !double.IsNaN(ParamComparison.Parse(t)));
        var distinctNumbers = numbers.Where(n => !double.IsNaN(n)).Distinct().Count();
        if (allNumeric && distinctNumbers >= 2) return new ParameterColumn(name, ParameterKind.Numeric, false, texts, numbers, []);

        // "0.001" and "1e-3" are one value: numbers count as numbers when deciding whether anything varies.
        var missing = present.Count < texts.Count;
        var constant = allNumeric ? distinctNumbers + (missing ? 1 : 0) <= 1 : texts.Distinct(StringComparer.Ordinal).Count() <= 1;
        var categories = texts.Select(t => t ?? Missing)
            .GroupBy(t => t, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .Take(MaxCategories)
            .ToList();
        return new ParameterColumn(name, ParameterKind.Categorical, constant, texts, [], categories);
    }
}
