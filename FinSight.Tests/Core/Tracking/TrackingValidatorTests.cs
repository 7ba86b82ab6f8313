using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Tracking;

public class TrackingValidatorTests
{
    private const string ValidRunId = "0123456789abcdef0123456789abcdef";
    private const long Now = 1_700_000_000_000;

    private static TrackingValidator Validator(TrackingLimits? limits = null) => new(limits ?? new TrackingLimits());

    private static MetricPointInput Point(string? key = "loss", MetricValue? value = null, long? step = 1, long? timestamp = 1000) =>
        new() { Key = key, Value = value ?? MetricValue.FromNumber(0.5), Step = step, Timestamp = timestamp };

    private static TrackingException Refused(Action act)
    {
        var ex = Assert.Throws<TrackingException>(act);
        Assert.Equal(TrackingErrorKind.InvalidInput, ex.Kind);
        return ex;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void RunId_Missing_RefusedNamingField(string? runId)
    {
        // Act
        var ex = Refused(() => TrackingValidator.RunId(runId));

        // Assert
        Assert.Equal("runId is required.", ex.Message);
    }

    [Theory]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")] // upper case
    [InlineData("0123456789abcdef0123456789abcde")]  // 31 characters
    [InlineData("0123456789abcdef0123456789abcdef0")] // 33 characters
    [InlineData("0123456789abcdef0123456789abcdeg")] // not hex
    [InlineData("01234567-89ab-cdef-0123-456789abcdef")] // GUID with dashes
    public void RunId_IllShaped_RefusedWithShapeRule(string runId)
    {
        // Act
        var ex = Refused(() => TrackingValidator.RunId(runId));

        // Assert
        Assert.StartsWith($"runId '{runId}' is not a run id", ex.Message);
        Assert.Contains("32 lowercase hex characters", ex.Message);
    }

    [Fact]
    public void RunId_WellShaped_ReturnedUnchanged()
    {
        // Act
        var runId = TrackingValidator.RunId(ValidRunId);

        // Assert
        Assert.Equal(ValidRunId, runId);
    }

    [Fact]
    public void RunId_NewRunId_IsValid()
    {
        // Arrange
        var fresh = RunIds.New();

        // Act
        var checkedId = TrackingValidator.RunId(fresh);

        // Assert
        Assert.Equal(fresh, checkedId);
    }

    [Fact]
    public void Metrics_IllShapedRunId_RefusedBeforeAnythingElse()
    {
        // Act
        var ex = Refused(() => Validator().Metrics("not-a-run", null, null, Now));

        // Assert
        Assert.StartsWith("runId 'not-a-run' is not a run id", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Metrics_MissingBatchId_RefusedNamingBatchId(string? batchId)
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, batchId, [Point()], Now));

        // Assert
        Assert.StartsWith("batchId is required", ex.Message);
    }

    [Fact]
    public void Metrics_BatchIdTooLong_RefusedWithLengthAndLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxBatchIdLength = 8 });

        // Act
        var ex = Refused(() => validator.Metrics(ValidRunId, "123456789", [Point()], Now));

        // Assert
        Assert.Equal("batchId is 9 characters long; the limit is 8.", ex.Message);
    }

    [Fact]
    public void Metrics_BatchIdAtLimit_Accepted()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxBatchIdLength = 8 });

        // Act
        var batch = validator.Metrics(ValidRunId, "12345678", [Point()], Now);

        // Assert
        Assert.Equal("12345678", batch.BatchId);
        Assert.Equal(ValidRunId, batch.RunId);
    }

    [Fact]
    public void Metrics_NullPoints_RefusedNamingPoints()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", null, Now));

        // Assert
        Assert.StartsWith("points is required", ex.Message);
    }

    [Fact]
    public void Metrics_CustomFieldName_UsedInMessages()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(), Point(key: "a//b")], Now, field: "metrics"));

        // Assert
        Assert.StartsWith("metrics[1].key 'a//b' ", ex.Message);
    }

    [Fact]
    public void Metrics_OverMaxPointsPerBatch_RefusedWithCountAndLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxPointsPerBatch = 3 });
        MetricPointInput?[] points = [Point(), Point(), Point(), Point()];

        // Act
        var ex = Refused(() => validator.Metrics(ValidRunId, "b1", points, Now));

        // Assert
        Assert.StartsWith("points holds 4 points; the limit is 3 per batch.", ex.Message);
    }

    [Fact]
    public void Metrics_AtMaxPointsPerBatch_AllAccepted()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxPointsPerBatch = 3 });
        MetricPointInput?[] points = [Point(step: 1), Point(step: 2), Point(step: 3)];

        // Act
        var batch = validator.Metrics(ValidRunId, "b1", points, Now);

        // Assert
        Assert.Equal([1L, 2L, 3L], batch.Points.Select(p => p.Step));
    }

    [Fact]
    public void Metrics_NullPointInBatch_RefusedNamingIndex()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(), null], Now));

        // Assert
        Assert.Equal("points[1] is null.", ex.Message);
    }

    [Theory]
    [InlineData("loss!")]
    [InlineData("loss\\x")]
    [InlineData("a*b")]
    [InlineData("tab\there")]
    public void Metrics_KeyWithBadCharacter_RefusedNamingIndexAndCharacter(string key)
    {
        // Arrange
        MetricPointInput?[] points = [Point(), Point(), Point(key: key)];

        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", points, Now));

        // Assert
        Assert.StartsWith("points[2].key ", ex.Message);
        Assert.Contains("keys may hold only letters, digits", ex.Message);
    }

    [Fact]
    public void Metrics_KeyWithControlCharacter_ShowsEscapedCharacter()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(key: "a\tb")], Now));

        // Assert
        Assert.Contains("contains '\\u0009'", ex.Message);
    }

    [Fact]
    public void Metrics_KeyWithAllowedCharacters_Accepted()
    {
        // Arrange
        const string key = "train/loss_v2-a.b c:d";

        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", [Point(key: key)], Now);

        // Assert
        Assert.Equal(key, Assert.Single(batch.Points).Key);
    }

    [Fact]
    public void Metrics_KeyTooLong_RefusedWithLengthAndLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxKeyLength = 5 });

        // Act
        var ex = Refused(() => validator.Metrics(ValidRunId, "b1", [Point(key: "abcd"), Point(key: "abcdef")], Now));

        // Assert
        Assert.Equal("points[1].key 'abcdef' is 6 characters long; the limit is 5.", ex.Message);
    }

    [Fact]
    public void Metrics_EmptyKey_RefusedAsRequired()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(), Point(key: "")], Now));

        // Assert
        Assert.Equal("points[1].key is required.", ex.Message);
    }

    [Fact]
    public void Metrics_NullKeyAfterValidKey_RefusedAsRequired()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(), Point(key: null)], Now));

        // Assert
        Assert.Equal("points[1].key is required.", ex.Message);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a/..")]
    public void Metrics_DotDotSegment_Refused(string key)
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(key: key)], Now));

        // Assert
        Assert.Equal($"points[0].key '{key}' has a '..' path segment.", ex.Message);
    }

    [Fact]
    public void Metrics_DotsInsideSegment_Accepted()
    {
        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", [Point(key: "a/..b/c...")], Now);

        // Assert
        Assert.Equal("a/..b/c...", Assert.Single(batch.Points).Key);
    }

    [Theory]
    [InlineData("/loss")]
    [InlineData("loss/")]
    [InlineData("train//loss")]
    public void Metrics_EmptyPathSegment_Refused(string key)
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(key: key)], Now));

        // Assert
        Assert.StartsWith($"points[0].key '{key}' has an empty path segment", ex.Message);
    }

    [Fact]
    public void Metrics_ValueMissing_RefusedNamingValue()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(), Point(value: default(MetricValue))], Now));

        // Assert
        Assert.Equal("points[1].value is required.", ex.Message);
    }

    [Fact]
    public void Metrics_ValueInvalidText_RefusedNamingValueAndText()
    {
        // Arrange
        MetricPointInput?[] points = [Point(), Point(), Point(), Point(value: MetricValue.FromText("abc"))];

        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", points, Now));

        // Assert
        Assert.StartsWith("points[3].value 'abc' is not a number", ex.Message);
        Assert.Contains("\"NaN\", \"Infinity\", \"-Infinity\"", ex.Message);
    }

    [Fact]
    public void Metrics_ValueInvalid_RefusedNamingValue()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(value: MetricValue.Invalid("true"))], Now));

        // Assert
        Assert.StartsWith("points[0].value 'true' is not a number", ex.Message);
    }

    [Fact]
    public void Metrics_NaNAndInfinities_AcceptedAndKept()
    {
        // Arrange
        MetricPointInput?[] points =
        [
            Point(value: MetricValue.FromText("NaN")),
            Point(value: MetricValue.FromText("Infinity")),
            Point(value: MetricValue.FromText("-Infinity")),
            Point(value: double.NaN),
        ];

        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", points, Now);

        // Assert
        Assert.Equal(4, batch.Points.Length);
        Assert.True(double.IsNaN(batch.Points[0].Value));
        Assert.Equal(double.PositiveInfinity, batch.Points[1].Value);
        Assert.Equal(double.NegativeInfinity, batch.Points[2].Value);
        Assert.True(double.IsNaN(batch.Points[3].Value));
    }

    [Fact]
    public void Metrics_MissingStep_DefaultsToZero()
    {
        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", [Point(step: null)], Now);

        // Assert
        Assert.Equal(0, Assert.Single(batch.Points).Step);
    }

    [Fact]
    public void Metrics_NegativeStep_Kept()
    {
        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", [Point(step: -5)], Now);

        // Assert
        Assert.Equal(-5, Assert.Single(batch.Points).Step);
    }

    [Fact]
    public void Metrics_MissingTimestamp_DefaultsToNow()
    {
        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", [Point(timestamp: null), Point(timestamp: 42)], Now);

        // Assert
        Assert.Equal(Now, batch.Points[0].Timestamp);
        Assert.Equal(42, batch.Points[1].Timestamp);
    }

    [Fact]
    public void Metrics_NegativeTimestamp_RefusedNamingTimestamp()
    {
        // Act
        var ex = Refused(() => Validator().Metrics(ValidRunId, "b1", [Point(), Point(timestamp: -1)], Now));

        // Assert
        Assert.Equal("points[1].timestamp -1 is negative; timestamps are epoch milliseconds.", ex.Message);
    }

    [Fact]
    public void Metrics_ValidBatch_KeepsEveryFieldInArrivalOrder()
    {
        // Arrange
        MetricPointInput?[] points =
        [
            Point(key: "loss", value: 0.9, step: 2, timestamp: 20),
            Point(key: "loss", value: 0.8, step: 1, timestamp: 10),
            Point(key: "acc", value: 0.1, step: 1, timestamp: 11),
            Point(key: "loss", value: 0.7, step: 3, timestamp: 30),
        ];

        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", points, Now);

        // Assert
        Assert.Equal(ValidRunId, batch.RunId);
        Assert.Equal("b1", batch.BatchId);
        Assert.Equal(
            [
                new IncomingPoint("loss", 2, 20, 0.9),
                new IncomingPoint("loss", 1, 10, 0.8),
                new IncomingPoint("acc", 1, 11, 0.1),
                new IncomingPoint("loss", 3, 30, 0.7),
            ],
            batch.Points);
    }

    [Fact]
    public void Metrics_EmptyPoints_AcceptedAsEmptyBatch()
    {
        // Act
        var batch = Validator().Metrics(ValidRunId, "b1", [], Now);

        // Assert
        Assert.Empty(batch.Points);
    }

    [Fact]
    public void Params_ValueTooLong_RefusedWithLengthAndLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxParamValueLength = 4 });
        KeyValueEntry?[] entries = [new("lr", "0.01"), new("opt", "adamw")];

        // Act
        var ex = Refused(() => validator.Params(entries));

        // Assert
        Assert.Equal("params[1].value is 5 characters long; the limit is 4.", ex.Message);
    }

    [Fact]
    public void Params_NullValue_RefusedAsRequired()
    {
        // Act
        var ex = Refused(() => Validator().Params([new KeyValueEntry { Key = "lr", Value = null }]));

        // Assert
        Assert.Equal("params[0].value is required.", ex.Message);
    }

    [Fact]
    public void Params_BadKey_RefusedNamingIndex()
    {
        // Act
        var ex = Refused(() => Validator().Params([new("lr", "1"), new("bad key!", "2")]));

        // Assert
        Assert.StartsWith("params[1].key 'bad key!' contains '!'", ex.Message);
    }

    [Fact]
    public void Params_NullEntry_RefusedNamingIndex()
    {
        // Act
        var ex = Refused(() => Validator().Params([new("lr", "1"), null]));

        // Assert
        Assert.Equal("params[1] is null.", ex.Message);
    }

    [Fact]
    public void Params_SameKeyDifferentValues_Refused()
    {
        // Act
        var ex = Refused(() => Validator().Params([new("lr", "0.1"), new("bs", "32"), new("lr", "0.2")]));

        // Assert
        Assert.Equal("params[2]: param 'lr' appears twice in this call with different values.", ex.Message);
    }

    [Fact]
    public void Params_SameKeySameValue_AcceptedOnce()
    {
        // Act
        var result = Validator().Params([new("lr", "0.1"), new("bs", "32"), new("lr", "0.1")]);

        // Assert
        Assert.Equal(
            [new KeyValuePair<string, string>("lr", "0.1"), new KeyValuePair<string, string>("bs", "32")],
            result);
    }

    [Fact]
    public void Params_TooMany_RefusedWithCountAndLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxParamsPerBatch = 2 });

        // Act
        var ex = Refused(() => validator.Params([new("a", "1"), new("b", "2"), new("c", "3")]));

        // Assert
        Assert.Equal("params holds 3 entries; the limit is 2 per call.", ex.Message);
    }

    [Fact]
    public void Params_NullOrEmpty_ReturnsEmpty()
    {
        // Act
        var fromNull = Validator().Params(null);
        var fromEmpty = Validator().Params([]);

        // Assert
        Assert.Empty(fromNull);
        Assert.Empty(fromEmpty);
    }

    [Fact]
    public void Tags_SameKeyTwice_LastValueWins()
    {
        // Act
        var result = Validator().Tags([new("owner", "ann"), new("team", "ml"), new("owner", "bob")]);

        // Assert
        Assert.Equal(2, result.Count);
        Assert.Equal("bob", Assert.Single(result, kv => kv.Key == "owner").Value);
        Assert.Equal("ml", Assert.Single(result, kv => kv.Key == "team").Value);
    }

    [Fact]
    public void Tags_ValueTooLong_RefusedWithTagLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxTagValueLength = 3, MaxParamValueLength = 100 });

        // Act
        var ex = Refused(() => validator.Tags([new("note", "abcd")]));

        // Assert
        Assert.Equal("tags[0].value is 4 characters long; the limit is 3.", ex.Message);
    }

    [Fact]
    public void Tags_RunNameTag_FollowsTheRunNameRules()
    {
        // The tag renames the run, so a name the run could not have is refused before anything is written.
        var validator = Validator(new TrackingLimits { MaxNameLength = 5 });

        var tooLong = Refused(() => validator.Tags([new("mlflow.runName", "abcdef")]));
        var control = Refused(() => validator.Tags([new("mlflow.runName", "a\u0007b")]));
        var accepted = validator.Tags([new("mlflow.runName", " abc ")]);

        Assert.Equal("tags: the value of tag 'mlflow.runName' is 6 characters long; the limit is 5.", tooLong.Message);
        Assert.Equal("tags: the value of tag 'mlflow.runName' contains a control character.", control.Message);
        Assert.Equal(" abc ", Assert.Single(accepted).Value);
    }

    [Fact]
    public void Tags_BadKey_RefusedNamingTagsField()
    {
        // Act
        var ex = Refused(() => Validator().Tags([new("a/../b", "x")]));

        // Assert
        Assert.Equal("tags[0].key 'a/../b' has a '..' path segment.", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_MissingOrBlank_RefusedNamingField(string? name)
    {
        // Act
        var ex = Refused(() => Validator().Name(name, "runName"));

        // Assert
        Assert.Equal("runName is required.", ex.Message);
    }

    [Fact]
    public void Name_SurroundingSpaces_Trimmed()
    {
        // Act
        var name = Validator().Name("  my run  ", "runName");

        // Assert
        Assert.Equal("my run", name);
    }

    [Fact]
    public void Name_TooLongAfterTrim_RefusedWithLengthAndLimit()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxNameLength = 5 });

        // Act
        var ex = Refused(() => validator.Name("abcdef", "name"));

        // Assert
        Assert.Equal("name is 6 characters long; the limit is 5.", ex.Message);
    }

    [Fact]
    public void Name_AtLimitWithSurroundingSpaces_Accepted()
    {
        // Arrange
        var validator = Validator(new TrackingLimits { MaxNameLength = 5 });

        // Act
        var name = validator.Name("  abcde  ", "name");

        // Assert
        Assert.Equal("abcde", name);
    }

    [Fact]
    public void Name_ControlCharacter_Refused()
    {
        // Act
        var ex = Refused(() => Validator().Name("my\u0007run", "experimentName"));

        // Assert
        Assert.Equal("experimentName contains a control character.", ex.Message);
    }

    [Fact]
    public void Name_UnicodeAndPunctuation_Accepted()
    {
        // Act
        var name = Validator().Name("résumé run #3 (β=0.9)", "runName");

        // Assert
        Assert.Equal("résumé run #3 (β=0.9)", name);
    }

    [Fact]
    public void Metrics_NullKeyInFirstPoint_RefusedAsRequired()
    {
        // Arrange
        var validator = new TrackingValidator(new TrackingLimits());
        MetricPointInput?[] points = [new MetricPointInput { Key = null, Value = 1.0, Step = 1, Timestamp = 1 }];

        // Act
        var ex = Assert.Throws<TrackingException>(() => validator.Metrics(ValidRunId, "b1", points, Now));

        // Assert
        Assert.Equal("points[0].key is required.", ex.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("  two\nlines\tand a tab ", "two\nlines\tand a tab")]
    public void Description_BlankOrMultiline_NullOrTrimmed(string? description, string? expected)
    {
        Assert.Equal(expected, Validator().Description(description));
    }

    [Fact]
    public void Description_TooLongOrControlCharacter_RefusedNamingFieldAndRule()
    {
        var validator = Validator(new TrackingLimits { MaxTagValueLength = 10 });

        var tooLong = Refused(() => validator.Description(new string('d', 11)));
        var control = Refused(() => validator.Description("bell\u0007"));

        Assert.Equal("description is 11 characters long; the limit is 10.", tooLong.Message);
        Assert.Equal("description contains a control character other than a line break or tab.", control.Message);
    }
}
