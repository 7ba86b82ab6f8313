namespace FinSight.Core.Analysis;

/// <summary>Which way a metric improves: rankings, "best" values and recommendations honour it.</summary>
public enum MetricDirection
{
    /// <summary>Lower is better (losses, errors, drawdowns).</summary>
    Minimize,

    /// <summary>Higher is better (accuracy-like scores, returns).</summary>
    Maximize,
}

/// <summary>Infers a metric's direction from its name, as researchers name metrics; users can override it.</summary>
public static class MetricDirections
{
    // Checked as whole words of the key (split on '/', '_', '.', '-', ':' and spaces), so "val_accuracy"
    // is higher-is-better while "accuracy_error" is lower-is-better: the last matching word wins,
    // because names read as "<qualifier>_<quantity>".
    private static readonly string[] LowerWords =
    [
        "loss", "error", "err", "mse", "mae", "rmse", "mape", "smape", "perplexity", "ppl", "wer", "cer",
        "drawdown", "latency", "regret", "cost", "var", "cvar", "es", "nll", "distance", "fid", "brier", "logloss",
    ];

    private static readonly string[] HigherWords =
    [
        "acc", "accuracy", "precision", "recall", "f1", "auc", "roc", "score", "reward", "return", "returns",
        "sharpe", "sortino", "iou", "map", "bleu", "rouge", "r2", "pnl", "profit", "hit", "ndcg", "mrr", "top1", "top5",
    ];

    /// <summary>The direction implied by <paramref name="key"/>; <see cref="MetricDirection.Minimize"/> when nothing in it says otherwise.</summary>
    public static MetricDirection Infer(string key)
    {
        var words = key.ToLowerInvariant().Split(['/', '_', '.', '-', ' ', ':'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = words.Length - 1; i >= 0; i--)
        {
            var word = words[i];
            // "profit_loss" (and "profit_and_loss") is P&L, higher is better, although its last word is "loss".
            if (word == "loss" && (PrecededBy(words, i, "profit") || (PrecededBy(words, i, "and") && PrecededBy(words, i - 1, "profit"))))
                return MetricDirection.Maximize;
            if (Matches(LowerWords, word)) return MetricDirection.Minimize;
            if (Matches(HigherWords, word)) return MetricDirection.Maximize;
        }
        return MetricDirection.Minimize;
    }

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="incumbent"/>; NaN never beats anything.</summary>
    public static bool IsBetter(this MetricDirection direction, double candidate, double incumbent)
    {
        if (double.IsNaN(candidate)) return false;
        if (double.IsNaN(incumbent)) return true;
        return direction == MetricDirection.Minimize ? candidate < incumbent : candidate > incumbent;
    }

    /// <summary>"lower" or "higher", as pages and the API show it.</summary>
    public static string ToWire(this MetricDirection direction) => direction == MetricDirection.Minimize ? "lower" : "higher";

    private static bool Matches(string[] words, string word) => Array.IndexOf(words, word) >= 0;

    private static bool PrecededBy(string[] words, int index, string word) => index > 0 && words[index - 1] == word;
}
