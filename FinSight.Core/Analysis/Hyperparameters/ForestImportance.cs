using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace FinSight.Core.Analysis.Hyperparameters;

/// <summary>
/// Model-based importance, as Weights &amp; Biases computes it: a random forest (ML.NET's FastForest) learns the target
/// from the params, then each param is shuffled in turn (permutation feature importance) and the drop in the model's
/// R² is that param's importance. Numeric params are one feature each; categorical ones are one-hot encoded and their
/// columns' drops are summed back to the param. The forest is scored on the runs it learned from (there are too few
/// runs to hold some out), so a noise param can get a small importance; it stays far below a real driver's.
/// </summary>
internal static class ForestImportance
{
    /// <summary>Importance per column (≥ 0; the same order as <paramref name="columns"/>), from a seeded single-threaded forest.</summary>
    public static IReadOnlyList<double> Compute(IReadOnlyList<ParameterColumn> columns, IReadOnlyList<double> targets, HyperparameterSettings settings)
    {
        var (features, owners) = Encode(columns, targets.Count);
        // R² does not depend on the label's scale; standardizing keeps tiny or huge metrics well inside float precision.
        var mean = targets.Average();
        var sd = Math.Sqrt(targets.Sum(t => (t - mean) * (t - mean)) / targets.Count);
        var examples = targets.Select((t, i) => new Example { Label = (float)((t - mean) / sd), Features = features[i] }).ToList();

        var ml = new MLContext(settings.Seed);
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, owners.Count);
        var data = ml.Data.LoadFromEnumerable(examples, schema);
        var n = targets.Count;
        var trainer = ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            // Leaves small enough that a few dozen runs can still split; the default (10 per leaf) would not split 15 runs.
            MinimumExampleCountPerLeaf = Math.Clamp(n / 20, 2, 10),
            NumberOfLeaves = Math.Clamp(n / 4, 2, 20),
            // One thread: multi-threaded tree building is not reproducible run to run.
            NumberOfThreads = 1,
            Seed = settings.Seed,
        });
        var model = trainer.Fit(data);
        var drops = ml.Regression.PermutationFeatureImportance(model, data, permutationCount: settings.Permutations);

        var importance = new double[columns.Count];
        for (var slot = 0; slot < owners.Count; slot++)
        {
            // PFI reports the change of each metric; R² falls when a feature mattered.
            var drop = -drops[slot].RSquared.Mean;
            if (double.IsFinite(drop)) importance[owners[slot]] += drop;
        }
        // A negative drop means shuffling helped by chance: no importance, not "less than none".
        return importance.Select(i => Math.Max(0, i)).ToList();
    }

    /// <summary>The feature vector per run, and for each slot the column it belongs to.</summary>
    private static (float[][] Features, List<int> Owners) Encode(IReadOnlyList<ParameterColumn> columns, int runs)
    {
        var owners = new List<int>();
        var encoders = new List<Func<int, IEnumerable<float>>>();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (column.Kind == ParameterKind.Numeric)
            {
                // A run without the param gets the median, so it neither splits off on its own nor drags a split.
                var present = column.Numbers.Where(v => !double.IsNaN(v)).Order().ToList();
                var median = present[present.Count / 2];
                owners.Add(c);
                encoders.Add(i => [(float)(double.IsNaN(column.Numbers[i]) ? median : column.Numbers[i])]);
            }
            else
            {
                var slots = Enumerable.Range(0, runs).Select(column.CategoryOf).Distinct(StringComparer.Ordinal).ToList();
                owners.AddRange(slots.Select(_ => c));
                encoders.Add(i =>
                {
                    var category = column.CategoryOf(i);
                    return slots.Select(s => s == category ? 1f : 0f);
                });
            }
        }
        var features = Enumerable.Range(0, runs).Select(i => encoders.SelectMany(e => e(i)).ToArray()).ToArray();
        return (features, owners);
    }

    /// <summary>One run for ML.NET: the standardized target and the encoded params.</summary>
    private sealed class Example
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
