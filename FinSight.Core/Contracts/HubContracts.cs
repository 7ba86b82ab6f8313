using MessagePack;

namespace FinSight.Core.Contracts;

// Public contract v1 (DESIGN.md). Field names are camelCase on every protocol: JSON through the
// web defaults, MessagePack through the explicit keys, because SignalR's MessagePack resolver
// matches names exactly and a JavaScript client sends camelCase.

/// <summary>A key and a string value: a param or a tag.</summary>
[MessagePackObject]
public sealed class KeyValueEntry
{
    /// <summary>The param or tag key.</summary>
    [Key("key")] public string? Key { get; set; }

    /// <summary>The value.</summary>
    [Key("value")] public string? Value { get; set; }

    /// <summary>Creates an empty entry (for serializers).</summary>
    public KeyValueEntry() { }

    /// <summary>Creates an entry.</summary>
    public KeyValueEntry(string key, string value) => (Key, Value) = (key, value);
}

/// <summary>Answer to <c>GetOrCreateExperiment</c>.</summary>
[MessagePackObject]
public sealed class ExperimentRef
{
    /// <summary>The experiment's id.</summary>
    [Key("experimentId")] public string ExperimentId { get; set; } = "";

    /// <summary>The experiment's unique name.</summary>
    [Key("name")] public string Name { get; set; } = "";
}

/// <summary>Body of <c>StartRun</c> and of <c>POST /api/v1/runs</c>.</summary>
[MessagePackObject]
public sealed class StartRunRequest
{
    /// <summary>The experiment the run belongs to.</summary>
    [Key("experimentId")] public string? ExperimentId { get; set; }

    /// <summary>A display name; a generated one when absent.</summary>
    [Key("runName")] public string? RunName { get; set; }

    /// <summary>Params logged with the start.</summary>
    [Key("params")] public List<KeyValueEntry>? Params { get; set; }

    /// <summary>Tags set with the start.</summary>
    [Key("tags")] public List<KeyValueEntry>? Tags { get; set; }

    /// <summary>The start in epoch milliseconds, for a run logged earlier (e.g. uploaded by <c>finsight sync</c>); the server's time when absent.</summary>
    [Key("startTime")] public long? StartTime { get; set; }
}

/// <summary>Answer to <c>StartRun</c>.</summary>
[MessagePackObject]
public sealed class StartRunResult
{
    /// <summary>32-character lowercase hex id.</summary>
    [Key("runId")] public string RunId { get; set; } = "";

    /// <summary>The experiment's id.</summary>
    [Key("experimentId")] public string ExperimentId { get; set; } = "";

    /// <summary>RUNNING for a new run.</summary>
    [Key("status")] public string Status { get; set; } = "";

    /// <summary>Start time, epoch milliseconds.</summary>
    [Key("startTime")] public long StartTime { get; set; }
}

/// <summary>One metric point as sent by a client. Step defaults to 0 and timestamp to the server's time, as in MLflow.</summary>
[MessagePackObject]
public sealed class MetricPointInput
{
    /// <summary>The metric key.</summary>
    [Key("key")] public string? Key { get; set; }

    /// <summary>A number, or "NaN", "Infinity", "-Infinity".</summary>
    [Key("value")] public MetricValue Value { get; set; }

    /// <summary>Training step; 0 when absent.</summary>
    [Key("step")] public long? Step { get; set; }

    /// <summary>Epoch milliseconds; the server's time when absent.</summary>
    [Key("timestamp")] public long? Timestamp { get; set; }
}

/// <summary>Argument of the hub's <c>LogMetrics</c>.</summary>
[MessagePackObject]
public sealed class MetricBatch
{
    /// <summary>The run the points belong to.</summary>
    [Key("runId")] public string? RunId { get; set; }

    /// <summary>Client-chosen id that makes a resend harmless (at most 64 characters).</summary>
    [Key("batchId")] public string? BatchId { get; set; }

    /// <summary>The points.</summary>
    [Key("points")] public List<MetricPointInput>? Points { get; set; }
}

/// <summary>Acknowledgement of a batch: sent only after the batch is committed.</summary>
[MessagePackObject]
public sealed class BatchAck
{
    /// <summary>The batch id acknowledged.</summary>
    [Key("batchId")] public string BatchId { get; set; } = "";

    /// <summary>Number of metric points in the batch.</summary>
    [Key("accepted")] public int Accepted { get; set; }

    /// <summary>True when this batch id was stored before and nothing was written again.</summary>
    [Key("duplicate")] public bool Duplicate { get; set; }
}

/// <summary>Argument of the hub's <c>LogParams</c>.</summary>
[MessagePackObject]
public sealed class LogParamsRequest
{
    /// <summary>The run.</summary>
    [Key("runId")] public string? RunId { get; set; }

    /// <summary>Params to log; a key logged before must keep its value.</summary>
    [Key("params")] public List<KeyValueEntry>? Params { get; set; }
}

/// <summary>Argument of the hub's <c>SetTags</c>.</summary>
[MessagePackObject]
public sealed class SetTagsRequest
{
    /// <summary>The run.</summary>
    [Key("runId")] public string? RunId { get; set; }

    /// <summary>Tags to set or overwrite.</summary>
    [Key("tags")] public List<KeyValueEntry>? Tags { get; set; }
}

/// <summary>Argument of the hub's <c>EndRun</c> and body of <c>POST /api/v1/runs/{runId}/end</c>.</summary>
[MessagePackObject]
public sealed class EndRunRequest
{
    /// <summary>The run (taken from the route over HTTP).</summary>
    [Key("runId")] public string? RunId { get; set; }

    /// <summary>FINISHED, FAILED or KILLED.</summary>
    [Key("status")] public string? Status { get; set; }

    /// <summary>End time, epoch milliseconds; the server's time when absent.</summary>
    [Key("endTime")] public long? EndTime { get; set; }
}
