namespace FinSight.Core.Analysis.Comparison;

/// <summary>
/// Finds which training loss goes with each validation loss, by the names training code gives them:
/// <c>train_loss</c>/<c>val_loss</c> (Lightning), <c>train/loss</c>/<c>val/loss</c>, <c>loss</c>/<c>val_loss</c> (Keras),
/// <c>loss</c>/<c>eval_loss</c> (Hugging Face), <c>loss/train</c>/<c>loss/val</c>, <c>training_loss</c>/<c>validation_loss</c>.
/// </summary>
public static class LossPairing
{
    private static readonly string[] ValidationWords = ["val", "valid", "validation", "eval", "evaluation"];
    private static readonly string[] TrainWords = ["train", "training", "tr"];
    private static readonly char[] Separators = ['/', '_', '.', '-', ' ', ':'];

    /// <summary>
    /// The pairs among <paramref name="keys"/>, ordered by validation key. A validation key is a loss-like key
    /// (<see cref="MetricSelection.IsLossLike"/>, system metrics excluded) with a whole word such as "val",
    /// "validation" or "eval"; its training key is the same name with that word replaced by "train" or
    /// "training", or else with the word (and one separator next to it) removed. Matching is exact first,
    /// then ignoring case. Validation keys without a training counterpart are left out.
    /// </summary>
    public static IReadOnlyList<LossPair> Pair(IEnumerable<string> keys)
    {
        var all = keys.Where(k => !MetricSelection.IsSystem(k)).Distinct(StringComparer.Ordinal).ToList();
        var pairs = new List<LossPair>();
        foreach (var key in all.Where(MetricSelection.IsLossLike).Order(StringComparer.Ordinal))
        {
            if (TrainKeyFor(key, all) is { } train) pairs.Add(new LossPair(train, key));
        }
        return pairs;
    }

    /// <summary>The training key among <paramref name="keys"/> that pairs with <paramref name="validationKey"/>, or null when none does.</summary>
    public static string? TrainKeyFor(string validationKey, IReadOnlyCollection<string> keys)
    {
        var candidates = Candidates(validationKey).ToList();
        foreach (var comparer in new[] { StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase })
        {
            foreach (var candidate in candidates)
            {
                if (comparer.Equals(candidate, validationKey)) continue;
                var match = keys.FirstOrDefault(k => comparer.Equals(k, candidate));
                if (match is not null && !IsValidation(match)) return match;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="key"/> has a validation word ("val", "validation", "eval"…) as a whole word.</summary>
    public static bool IsValidation(string key) => Words(key).Any(w => IsValidationWord(key.Substring(w.Start, w.Length)));

    private static IEnumerable<string> Candidates(string key)
    {
        var words = Words(key).Where(w => IsValidationWord(key.Substring(w.Start, w.Length))).ToList();
        // Replacements first (train_loss for val_loss), in the casing the key uses; then removals (loss for val_loss).
        foreach (var (start, length) in words)
        {
            var word = key.Substring(start, length);
            foreach (var train in TrainWords)
                yield return key[..start] + MatchCase(train, word) + key[(start + length)..];
        }
        foreach (var (start, length) in words)
        {
            var end = start + length;
            if (end < key.Length && Array.IndexOf(Separators, key[end]) >= 0) yield return key[..start] + key[(end + 1)..];
            else if (start > 0 && Array.IndexOf(Separators, key[start - 1]) >= 0) yield return key[..(start - 1)] + key[end..];
        }
    }

    private static bool IsValidationWord(string word) => ValidationWords.Contains(word, StringComparer.OrdinalIgnoreCase);

    private static string MatchCase(string replacement, string original) =>
        original.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? replacement.ToUpperInvariant()
        : char.IsUpper(original[0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..]
        : replacement;

    private static List<(int Start, int Length)> Words(string key)
    {
        var words = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && Array.IndexOf(Separators, key[i]) < 0) continue;
            if (i > start) words.Add((start, i - start));
            start = i + 1;
        }
        return words;
    }
}
