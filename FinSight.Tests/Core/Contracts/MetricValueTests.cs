using System.Text.Json;
using FinSight.Core.Contracts;
using MessagePack;
using MessagePack.Resolvers;
using Xunit;

namespace FinSight.Tests.Core.Contracts;

public class MetricValueTests
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    // What SignalR's MessagePack protocol uses by default.
    private static readonly MessagePackSerializerOptions MsgPack = ContractlessStandardResolver.Options;

    private static string ValueJson(MetricValue value)
    {
        var json = JsonSerializer.Serialize(new MetricPointInput { Key = "loss", Value = value }, Json);
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("value").GetRawText();
    }

    [Theory]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(0.25, "0.25")]
    [InlineData(-3.0, "-3")]
    [InlineData(1e300, "1E+300")]
    public void JsonSerialize_NumberValue_WritesMlflowForm(double number, string expected)
    {
        // Act
        var written = ValueJson(MetricValue.FromNumber(number));

        // Assert
        Assert.Equal(expected, written);
    }

    [Fact]
    public void JsonSerialize_MetricPointInput_UsesCamelCaseNames()
    {
        // Arrange
        var point = new MetricPointInput { Key = "loss", Value = double.NaN, Step = 3, Timestamp = 1000 };

        // Act
        var json = JsonSerializer.Serialize(point, Json);

        // Assert
        Assert.Equal("""{"key":"loss","value":"NaN","step":3,"timestamp":1000}""", json);
    }

    [Theory]
    [InlineData("\"NaN\"", double.NaN)]
    [InlineData("\"Infinity\"", double.PositiveInfinity)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity)]
    [InlineData("0.5", 0.5)]
    [InlineData("-12", -12.0)]
    [InlineData("1e-300", 1e-300)]
    public void JsonDeserialize_NumberOrMlflowString_ReadsNumber(string valueJson, double expected)
    {
        // Act
        var point = JsonSerializer.Deserialize<MetricPointInput>($$"""{"key":"loss","value":{{valueJson}}}""", Json)!;

        // Assert
        Assert.True(point.Value.IsNumber);
        Assert.Null(point.Value.InvalidText);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(point.Value.Number));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(0.1)]
    [InlineData(-1e-12)]
    [InlineData(double.MaxValue)]
    public void JsonRoundTrip_AnyNumber_Unchanged(double number)
    {
        // Arrange
        var point = new MetricPointInput { Key = "loss", Value = number, Step = 1 };

        // Act
        var back = JsonSerializer.Deserialize<MetricPointInput>(JsonSerializer.Serialize(point, Json), Json)!;

        // Assert
        Assert.Equal(MetricValue.FromNumber(number), back.Value);
        Assert.Equal(1, back.Step);
        Assert.Null(back.Timestamp);
    }

    [Fact]
    public void JsonDeserialize_OtherText_KeptAsInvalidText()
    {
        // Act
        var point = JsonSerializer.Deserialize<MetricPointInput>("""{"key":"loss","value":"abc"}""", Json)!;

        // Assert
        Assert.True(point.Value.IsPresent);
        Assert.False(point.Value.IsNumber);
        Assert.Equal("abc", point.Value.InvalidText);
    }

    [Theory]
    [InlineData("\"nan\"", "nan")]
    [InlineData("true", "true")]
    [InlineData("[1,2]", "an array")]
    [InlineData("{\"x\":1}", "an object")]
    public void JsonDeserialize_NonNumber_KeptAsInvalidAndRestOfObjectRead(string valueJson, string expectedText)
    {
        // Act
        var point = JsonSerializer.Deserialize<MetricPointInput>($$"""{"key":"loss","value":{{valueJson}},"step":7}""", Json)!;

        // Assert
        Assert.Equal(expectedText, point.Value.InvalidText);
        Assert.Equal(7, point.Step);
    }

    [Theory]
    [InlineData("""{"key":"loss"}""")]
    [InlineData("""{"key":"loss","value":null}""")]
    public void JsonDeserialize_MissingOrNullValue_IsNotPresent(string json)
    {
        // Act
        var point = JsonSerializer.Deserialize<MetricPointInput>(json, Json)!;

        // Assert
        Assert.False(point.Value.IsPresent);
        Assert.False(point.Value.IsNumber);
        Assert.Null(point.Value.InvalidText);
    }

    [Fact]
    public void FromText_Abc_IsInvalidWithText()
    {
        // Act
        var value = MetricValue.FromText("abc");

        // Assert
        Assert.True(value.IsPresent);
        Assert.False(value.IsNumber);
        Assert.Equal("abc", value.InvalidText);
        Assert.Equal("abc", value.ToString());
    }

    [Fact]
    public void Default_IsMissing()
    {
        // Arrange
        MetricValue value = default;

        // Act
        var text = value.ToString();

        // Assert
        Assert.False(value.IsPresent);
        Assert.Equal("(missing)", text);
    }

    [Fact]
    public void MessagePackRoundTrip_MetricBatchWithSpecialValues_KeepsEveryValue()
    {
        // Arrange
        var batch = new MetricBatch
        {
            RunId = "0123456789abcdef0123456789abcdef",
            BatchId = "b-1",
            Points =
            [
                new() { Key = "loss", Value = double.NaN, Step = 1, Timestamp = 10 },
                new() { Key = "loss", Value = double.PositiveInfinity, Step = 2, Timestamp = 20 },
                new() { Key = "loss", Value = double.NegativeInfinity, Step = 3 },
                new() { Key = "acc", Value = 0.125 },
            ],
        };

        // Act
        var bytes = MessagePackSerializer.Serialize(batch, MsgPack, TestContext.Current.CancellationToken);
        var back = MessagePackSerializer.Deserialize<MetricBatch>(bytes, MsgPack, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(batch.RunId, back.RunId);
        Assert.Equal(batch.BatchId, back.BatchId);
        Assert.NotNull(back.Points);
        Assert.Equal(
            [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.125],
            back.Points.Select(p => p.Value.Number));
        Assert.All(back.Points, p => Assert.True(p.Value.IsNumber));
        Assert.Equal(["loss", "loss", "loss", "acc"], back.Points.Select(p => p.Key));
        Assert.Equal([1L, 2L, 3L, null], back.Points.Select(p => p.Step));
        Assert.Equal([10L, 20L, null, null], back.Points.Select(p => p.Timestamp));
    }

    [Fact]
    public void MessagePackSerialize_MetricBatch_HasCamelCaseKeysOnTheWire()
    {
        // Arrange
        var batch = new MetricBatch
        {
            RunId = "0123456789abcdef0123456789abcdef",
            BatchId = "b-1",
            Points = [new() { Key = "loss", Value = double.NaN, Step = 4, Timestamp = 40 }],
        };

        // Act
        var bytes = MessagePackSerializer.Serialize(batch, MsgPack, TestContext.Current.CancellationToken);
        var wire = MessagePackSerializer.Deserialize<Dictionary<string, object>>(bytes, MsgPack, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["batchId", "points", "runId"], wire.Keys.Order(StringComparer.Ordinal));
        var point = Assert.IsType<Dictionary<object, object>>(Assert.Single(Assert.IsType<object[]>(wire["points"])));
        Assert.Equal(["key", "step", "timestamp", "value"], point.Keys.Cast<string>().Order(StringComparer.Ordinal));
        Assert.True(double.IsNaN(Convert.ToDouble(point["value"])));
    }

    [Fact]
    public void MessagePackDeserialize_JavaScriptStyleMap_ReadsStringsAndIntegers()
    {
        // Arrange: what a JavaScript client sends: plain maps, MLflow's strings, integer values.
        var wire = new Dictionary<string, object?>
        {
            ["runId"] = "0123456789abcdef0123456789abcdef",
            ["batchId"] = "js-1",
            ["points"] = new object[]
            {
                new Dictionary<string, object?> { ["key"] = "loss", ["value"] = "NaN", ["step"] = 1 },
                new Dictionary<string, object?> { ["key"] = "loss", ["value"] = "-Infinity" },
                new Dictionary<string, object?> { ["key"] = "loss", ["value"] = 3 },
                new Dictionary<string, object?> { ["key"] = "loss", ["value"] = "abc" },
                new Dictionary<string, object?> { ["key"] = "loss", ["value"] = null },
            },
        };
        var bytes = MessagePackSerializer.Serialize(wire, MsgPack, TestContext.Current.CancellationToken);

        // Act
        var batch = MessagePackSerializer.Deserialize<MetricBatch>(bytes, MsgPack, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("js-1", batch.BatchId);
        var values = batch.Points!.Select(p => p.Value).ToList();
        Assert.True(double.IsNaN(values[0].Number) && values[0].IsNumber);
        Assert.Equal(double.NegativeInfinity, values[1].Number);
        Assert.Equal(3.0, values[2].Number);
        Assert.Equal("abc", values[3].InvalidText);
        Assert.False(values[4].IsPresent);
        Assert.Equal(1, batch.Points![0].Step);
    }
}
