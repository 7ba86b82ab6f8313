using FinSight.Core.Contracts;

namespace FinSight.Core.Tracking;

/// <summary>
/// Checks a whole batch before anything of it is written. The first broken rule is reported as a
/// <see cref="TrackingException"/> whose message names the field (<c>points[3].value</c>) and the rule.
/// </summary>
public sealed class TrackingValidator(TrackingLimits limits)
{
    /// <summary>The limits in force.</summary>
    public TrackingLimits Limits { get; } = limits;

    /// <summary>Checks the run id's shape (existence is checked by storage).</summary>
    public static string RunId(string? runId, string field = "runId")
    {
        if (string.IsNullOrEmpty(runId)) throw TrackingException.Invalid($"{field} is required.");
        if (!RunIds.IsValid(runId))
            throw TrackingException.Invalid($"{field} '{Truncate(runId)}' is not a run id; run ids are 32 lowercase hex characters.");
        return runId;
    }

    /// <summary>Parses an experiment id from a route or request.</summary>
    public static long ExperimentId(string? experimentId, string field = "experimentId")
    {
        if (string.IsNullOrWhiteSpace(experimentId)) throw TrackingException.Invalid($"{field} is required.");
        if (!long.TryParse(experimentId, System.Globalization.NumberStyles.None, null, out var id))
            throw TrackingException.Invalid($"{field} '{Truncate(experimentId)}' is not an experiment id; ids are whole numbers such as \"1\".");
        return id;
    }

    /// <summary>Checks a metric batch and applies MLflow's defaults (step 0, timestamp <paramref name="nowMs"/>).</summary>
    public IncomingMetricBatch Metrics(string? runId, string? batchId, IReadOnlyList<MetricPointInput?>? points, long nowMs, string field = "points")
    {
        var id = RunId(runId);
        var batch = BatchId(batchId);
        return new IncomingMetricBatch(id, batch, Points(points, nowMs, field));
    }

    /// <summary>
    /// Checks metric points: key rules, a value that is a number, a timestamp that is not negative. Step defaults to 0;
    /// a missing timestamp becomes <paramref name="defaultTimestamp"/>, or is refused when that is null (MLflow's API requires one).
    /// </summary>
    public IncomingPoint[] Points(IReadOnlyList<MetricPointInput?>? points, long? defaultTimestamp, string field = "points")
    {
        if (points is null) throw TrackingException.Invalid($"{field} is required (an array of {{ key, value, step, timestamp }}).");
        if (points.Count > Limits.MaxPointsPerBatch)
            throw TrackingException.Invalid($"{field} holds {points.Count} points; the limit is {Limits.MaxPointsPerBatch} per batch. Split the batch.");

        var result = new IncomingPoint[points.Count];
        string? lastKey = null;
        var keyChecked = false;
        // Keys already checked in this batch: points of several keys interleave (10 keys per step), so "same as the last" alone re-checks most.
        HashSet<string>? checkedKeys = null;
        for (var i = 0; i < result.Length; i++)
        {
            var point = points[i] ?? throw TrackingException.Invalid($"{field}[{i}] is null.");
            // Consecutive points usually share a key: check each distinct run of keys once.
            if (!keyChecked || (!ReferenceEquals(point.Key, lastKey) && point.Key != lastKey))
            {
                if (point.Key is null || !(checkedKeys ??= new HashSet<string>(StringComparer.Ordinal)).Contains(point.Key))
                {
                    if (KeyRules.Check(point.Key, Limits.MaxKeyLength) is { } keyProblem)
                        throw TrackingException.Invalid($"{At(field, i)}key {Quote(point.Key)}{keyProblem}.");
                    checkedKeys!.Add(point.Key!);
                }
                lastKey = point.Key;
                keyChecked = true;
            }
            var value = point.Value;
            if (!value.IsPresent) throw TrackingException.Invalid($"{At(field, i)}value is required.");
            if (!value.IsNumber)
                throw TrackingException.Invalid($"{At(field, i)}value '{Truncate(value.InvalidText!)}' is not a number; send a number or one of \"NaN\", \"Infinity\", \"-Infinity\".");
            var timestamp = point.Timestamp ?? defaultTimestamp
                ?? throw TrackingException.Invalid($"{At(field, i)}timestamp is required (epoch milliseconds).");
            if (timestamp < 0) throw TrackingException.Invalid($"{At(field, i)}timestamp {timestamp} is negative; timestamps are epoch milliseconds.");
            result[i] = new IncomingPoint(lastKey!, point.Step ?? 0, timestamp, value.Number);
        }
        return result;
    }

    /// <summary>
    /// Checks metrics, params and tags of one run as a whole; nothing is written unless all of it passes. A missing
    /// timestamp is refused when <paramref name="defaultTimestamp"/> is null. With <paramref name="singleEntry"/> the request
    /// carries one metric, param or tag in its own fields rather than in arrays (MLflow's log-metric, log-parameter, set-tag),
    /// so refusals name those fields ("value is required").
    /// </summary>
    public ValidatedRunBatch Batch(string? runId, IReadOnlyList<MetricPointInput?>? metrics, IReadOnlyList<KeyValueEntry?>? parameters,
        IReadOnlyList<KeyValueEntry?>? tags, long? defaultTimestamp, string runIdField = "runId", bool singleEntry = false)
    {
        var id = RunId(runId, runIdField);
        return new ValidatedRunBatch(id, metrics is null ? [] : Points(metrics, defaultTimestamp, singleEntry ? "" : "metrics"),
            Params(parameters, singleEntry ? "" : "params"), Tags(tags, singleEntry ? "" : "tags"));
    }

    /// <summary>Checks params: key rules, value length, and one value per key within the call.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Params(IReadOnlyList<KeyValueEntry?>? entries, string field = "params") =>
        Entries(entries, field, Limits.MaxParamsPerBatch, Limits.MaxParamValueLength, sameKeyMustAgree: true);

    /// <summary>Checks tags: key rules and value length; the last value of a repeated key wins.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags(IReadOnlyList<KeyValueEntry?>? entries, string field = "tags")
    {
        var tags = Entries(entries, field, Limits.MaxTagsPerBatch, Limits.MaxTagValueLength, sameKeyMustAgree: false);
        // The run-name tag renames the run, so its value follows the rules of a run name.
        foreach (var (key, value) in tags)
        {
            if (key == ReservedTags.RunName) Name(value, $"{(field.Length == 0 ? "" : field + ": ")}the value of tag '{ReservedTags.RunName}'");
        }
        return tags;
    }

    /// <summary>Checks an experiment or run name.</summary>
    public string Name(string? name, string field)
    {
        if (string.IsNullOrWhiteSpace(name)) throw TrackingException.Invalid($"{field} is required.");
        var trimmed = name.Trim();
        if (trimmed.Length > Limits.MaxNameLength)
            throw TrackingException.Invalid($"{field} is {trimmed.Length} characters long; the limit is {Limits.MaxNameLength}.");
        if (trimmed.Any(char.IsControl)) throw TrackingException.Invalid($"{field} contains a control character.");
        return trimmed;
    }

    /// <summary>
    /// Checks an experiment description: optional, blank means none, at most the tag value limit long
    /// (MLflow keeps descriptions as the <c>mlflow.note.content</c> tag). Line breaks are allowed.
    /// </summary>
    public string? Description(string? description, string field = "description")
    {
        if (string.IsNullOrWhiteSpace(description)) return null;
        var trimmed = description.Trim();
        if (trimmed.Length > Limits.MaxTagValueLength)
            throw TrackingException.Invalid($"{field} is {trimmed.Length} characters long; the limit is {Limits.MaxTagValueLength}.");
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw TrackingException.Invalid($"{field} contains a control character other than a line break or tab.");
        return trimmed;
    }

    /// <summary>Checks a client-chosen batch id: required, at most the configured length.</summary>
    public string BatchId(string? batchId)
    {
        if (string.IsNullOrEmpty(batchId))
            throw TrackingException.Invalid("batchId is required: choose one per batch and reuse it when resending, so a resend is not stored twice.");
        if (batchId.Length > Limits.MaxBatchIdLength)
            throw TrackingException.Invalid($"batchId is {batchId.Length} characters long; the limit is {Limits.MaxBatchIdLength}.");
        return batchId;
    }

    private IReadOnlyList<KeyValuePair<string, string>> Entries(
        IReadOnlyList<KeyValueEntry?>? entries, string field, int maxCount, int maxValueLength, bool sameKeyMustAgree)
    {
        if (entries is null || entries.Count == 0) return [];
        if (entries.Count > maxCount)
            throw TrackingException.Invalid($"{field} holds {entries.Count} entries; the limit is {maxCount} per call.");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, string>>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw TrackingException.Invalid($"{field}[{i}] is null.");
            if (KeyRules.Check(entry.Key, Limits.MaxKeyLength) is { } keyProblem)
                throw TrackingException.Invalid($"{At(field, i)}key {Quote(entry.Key)}{keyProblem}.");
            if (entry.Value is null) throw TrackingException.Invalid($"{At(field, i)}value is required.");
            if (entry.Value.Length > maxValueLength)
                throw TrackingException.Invalid($"{At(field, i)}value is {entry.Value.Length} characters long; the limit is {maxValueLength}.");
            if (seen.TryGetValue(entry.Key!, out var earlier))
            {
                if (sameKeyMustAgree && earlier != entry.Value)
                    throw TrackingException.Invalid($"{field}[{i}]: param '{entry.Key}' appears twice in this call with different values.");
                if (sameKeyMustAgree) continue;
                result.RemoveAll(kv => kv.Key == entry.Key);
            }
            seen[entry.Key!] = entry.Value;
            result.Add(new(entry.Key!, entry.Value));
        }
        return result;
    }

    /// <summary>Where entry <paramref name="i"/> is, as a message prefix: <c>metrics[3].</c>, or nothing for a request's own fields.</summary>
    private static string At(string field, int i) => field.Length == 0 ? "" : $"{field}[{i}].";

    private static string Quote(string? key) => string.IsNullOrEmpty(key) ? "" : $"'{Truncate(key)}' ";

    internal static string Truncate(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
