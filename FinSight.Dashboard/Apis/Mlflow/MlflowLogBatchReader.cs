using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FinSight.Core.Contracts;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>
/// Reads log-batch bodies with <see cref="Utf8JsonReader"/> over the buffered body: the hot path of every MLflow training
/// script. The serializer spent most of a 1,000-metric request's time in its generic machinery; this reader does one pass,
/// reuses one string per distinct metric key, and still refuses a wrong type by naming the field (<c>metrics[3].step</c>).
/// It answers the same <see cref="MlflowLogBatchRequest"/> the serializer would, so validation is shared.
/// </summary>
public static class MlflowLogBatchReader
{
    /// <summary>Most distinct metric keys remembered per request; later ones are still read, just allocated each time.</summary>
    private const int KeyCacheSize = 64;

    public static async Task<MlflowLogBatchRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyReader;
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken);
            if (!result.IsCompleted)
            {
                // Nothing consumed, everything examined: the next read waits for more bytes.
                body.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                continue;
            }
            try
            {
                return result.Buffer.IsEmpty ? new MlflowLogBatchRequest() : Read(result.Buffer);
            }
            finally
            {
                body.AdvanceTo(result.Buffer.End);
            }
        }
    }

    public static MlflowLogBatchRequest Read(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return ReadBatch(ref reader);
        }
        catch (JsonException e)
        {
            throw new MlflowException(MlflowErrorCodes.MalformedRequest,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).");
        }
    }

    private static MlflowLogBatchRequest ReadBatch(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            throw new MlflowException(MlflowErrorCodes.MalformedRequest, "The request body must be a JSON object, not null.");
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new MlflowException(MlflowErrorCodes.MalformedRequest, "The request body must be a JSON object.");
        var batch = new MlflowLogBatchRequest();
        var keys = new KeyCache();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("run_id"u8)) batch.RunId = ReadString(ref reader, "run_id");
            else if (reader.ValueTextEquals("run_uuid"u8)) batch.RunUuid = ReadString(ref reader, "run_uuid");
            else if (reader.ValueTextEquals("metrics"u8)) batch.Metrics = ReadMetrics(ref reader, keys);
            else if (reader.ValueTextEquals("params"u8)) batch.Params = ReadEntries(ref reader, "params");
            else if (reader.ValueTextEquals("tags"u8)) batch.Tags = ReadEntries(ref reader, "tags");
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.Read()) throw new MlflowException(MlflowErrorCodes.MalformedRequest, "The request body holds more than one JSON value.");
        return batch;
    }

    private static List<MetricPointInput?>? ReadMetrics(ref Utf8JsonReader reader, KeyCache keys)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw WrongType("metrics", "an array of { key, value, timestamp, step }");
        var metrics = new List<MetricPointInput?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = metrics.Count;
            if (reader.TokenType == JsonTokenType.Null) { metrics.Add(null); continue; }
            if (reader.TokenType != JsonTokenType.StartObject) throw WrongType($"metrics[{index}]", "an object { key, value, timestamp, step }");
            var metric = new MetricPointInput();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("key"u8))
                {
                    reader.Read();
                    metric.Key = reader.TokenType switch
                    {
                        JsonTokenType.String => keys.Get(ref reader),
                        JsonTokenType.Null => null,
                        _ => throw WrongType($"metrics[{index}].key", "a string"),
                    };
                }
                else if (reader.ValueTextEquals("value"u8)) metric.Value = ReadValue(ref reader);
                else if (reader.ValueTextEquals("timestamp"u8)) metric.Timestamp = ReadInt64(ref reader, index, "timestamp");
                else if (reader.ValueTextEquals("step"u8)) metric.Step = ReadInt64(ref reader, index, "step");
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            metrics.Add(metric);
        }
        return metrics;
    }

    /// <summary>A number, MLflow's "NaN"/"Infinity"/"-Infinity", or anything else kept as invalid text for validation to name.</summary>
    private static MetricValue ReadValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number) ? MetricValue.FromNumber(number) : MetricValue.Invalid(Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String:
                return MetricValue.FromText(reader.GetString()!);
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.True or JsonTokenType.False:
                return MetricValue.Invalid(reader.TokenType == JsonTokenType.True ? "true" : "false");
            default:
                var shape = reader.TokenType == JsonTokenType.StartArray ? "an array" : "an object";
                reader.Skip();
                return MetricValue.Invalid(shape);
        }
    }

    /// <summary>A 64-bit whole number, as a JSON number or (protobuf's JSON allows it) a string.</summary>
    private static long? ReadInt64(ref Utf8JsonReader reader, int index, string field)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonTokenType.Null:
                return null;
            default:
                throw WrongType($"metrics[{index}].{field}", "a whole number (64-bit)");
        }
    }

    private static List<KeyValueEntry?>? ReadEntries(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw WrongType(field, "an array of { key, value }");
        var entries = new List<KeyValueEntry?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = entries.Count;
            if (reader.TokenType == JsonTokenType.Null) { entries.Add(null); continue; }
            if (reader.TokenType != JsonTokenType.StartObject) throw WrongType($"{field}[{index}]", "an object { key, value }");
            var entry = new KeyValueEntry();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("key"u8)) entry.Key = ReadString(ref reader, $"{field}[{index}].key");
                else if (reader.ValueTextEquals("value"u8)) entry.Value = ReadString(ref reader, $"{field}[{index}].value");
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            entries.Add(entry);
        }
        return entries;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw WrongType(field, "a string"),
        };
    }

    private static MlflowException WrongType(string field, string expected) =>
        MlflowException.InvalidParameter($"Invalid value for {field} in the request body: expected {expected}.");

    /// <summary>One string per distinct key: fewer allocations, and the validator checks a key it has seen by reference.</summary>
    private sealed class KeyCache
    {
        private readonly List<(byte[] Utf8, string Text)> _keys = [];

        public string Get(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence) return reader.GetString()!;
            var span = reader.ValueSpan;
            foreach (var (utf8, text) in _keys)
            {
                if (span.SequenceEqual(utf8)) return text;
            }
            var key = reader.GetString()!;
            if (_keys.Count < KeyCacheSize) _keys.Add((span.ToArray(), key));
            return key;
        }
    }
}
