using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Formatters;

namespace FinSight.Core.Contracts;

/// <summary>
/// A metric value as it arrives on the wire: a number, one of MLflow's strings
/// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, or something else that validation refuses
/// with a message naming the field. Keeping the bad text (instead of failing deserialization)
/// is what lets the hub and HTTP answer "points[3].value: 'abc' is not a number".
/// </summary>
[JsonConverter(typeof(MetricValueJsonConverter))]
[MessagePackFormatter(typeof(MetricValueMessagePackFormatter))]
public readonly struct MetricValue : IEquatable<MetricValue>
{
    private readonly double _number;

    private MetricValue(double number, string? invalidText, bool present)
    {
        _number = number;
        InvalidText = invalidText;
        IsPresent = present;
    }

    /// <summary>False when the field was absent or null (the default value of this struct).</summary>
    public bool IsPresent { get; }

    /// <summary>The text that could not be read as a number, or null when the value is a number.</summary>
    public string? InvalidText { get; }

    /// <summary>True when the value is a number (NaN and ±Infinity included).</summary>
    public bool IsNumber => IsPresent && InvalidText is null;

    /// <summary>The number; NaN when the value is not a number.</summary>
    public double Number => IsNumber ? _number : double.NaN;

    /// <summary>A numeric value.</summary>
    public static MetricValue FromNumber(double value) => new(value, null, true);

    /// <summary>A value that was sent but is not a number.</summary>
    public static MetricValue Invalid(string text) => new(double.NaN, text, true);

    /// <summary>Reads MLflow's special strings; any other text is kept as invalid.</summary>
    public static MetricValue FromText(string text) => text switch
    {
        "NaN" => FromNumber(double.NaN),
        "Infinity" => FromNumber(double.PositiveInfinity),
        "-Infinity" => FromNumber(double.NegativeInfinity),
        _ => Invalid(text),
    };

    /// <summary>Lets callers write <c>Value = 0.5</c>.</summary>
    public static implicit operator MetricValue(double value) => FromNumber(value);

    /// <inheritdoc />
    public bool Equals(MetricValue other) =>
        IsPresent == other.IsPresent && InvalidText == other.InvalidText && _number.Equals(other._number);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MetricValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsPresent, InvalidText, _number);

    /// <inheritdoc />
    public override string ToString() =>
        !IsPresent ? "(missing)" : InvalidText ?? _number.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>JSON: numbers, MLflow's three strings, and anything else kept as invalid text.</summary>
public sealed class MetricValueJsonConverter : JsonConverter<MetricValue>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override MetricValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var number)
                    ? MetricValue.FromNumber(number)
                    : MetricValue.Invalid(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String:
                return MetricValue.FromText(reader.GetString()!);
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.True or JsonTokenType.False:
                return MetricValue.Invalid(reader.GetBoolean() ? "true" : "false");
            default:
                var shape = reader.TokenType == JsonTokenType.StartArray ? "an array" : "an object";
                reader.Skip();
                return MetricValue.Invalid(shape);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MetricValue value, JsonSerializerOptions options)
    {
        if (!value.IsNumber)
        {
            if (value.InvalidText is { } text) writer.WriteStringValue(text);
            else writer.WriteNullValue();
            return;
        }
        var number = value.Number;
        if (double.IsNaN(number)) writer.WriteStringValue("NaN");
        else if (double.IsPositiveInfinity(number)) writer.WriteStringValue("Infinity");
        else if (double.IsNegativeInfinity(number)) writer.WriteStringValue("-Infinity");
        else writer.WriteNumberValue(number);
    }
}

/// <summary>MessagePack: native floats (NaN and ±Infinity are native there), integers, and MLflow's strings.</summary>
public sealed class MetricValueMessagePackFormatter : IMessagePackFormatter<MetricValue>
{
    /// <inheritdoc />
    public void Serialize(ref MessagePackWriter writer, MetricValue value, MessagePackSerializerOptions options)
    {
        if (value.IsNumber) writer.Write(value.Number);
        else if (value.InvalidText is { } text) writer.Write(text);
        else writer.WriteNil();
    }

    /// <inheritdoc />
    public MetricValue Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Float:
            case MessagePackType.Integer:
                return MetricValue.FromNumber(reader.ReadDouble());
            case MessagePackType.String:
                return MetricValue.FromText(reader.ReadString()!);
            case MessagePackType.Nil:
                reader.ReadNil();
                return default;
            case MessagePackType.Boolean:
                return MetricValue.Invalid(reader.ReadBoolean() ? "true" : "false");
            default:
                var type = reader.NextMessagePackType;
                reader.Skip();
                return MetricValue.Invalid("a MessagePack " + type.ToString().ToLowerInvariant());
        }
    }
}
