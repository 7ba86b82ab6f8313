using FinSight.Core.AbTesting;
using FinSight.Core.Contracts;
using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.AbTesting;

/// <summary>What a variant's modelRef may be: a run id or a registered model version (by number or alias).</summary>
public sealed class AbTestModelRefTests
{
    private readonly AbTestDesignValidator _validator = new(new TrackingValidator(new TrackingLimits()));

    private static CreateAbTestRequest Request(string? modelRef) => new()
    {
        Name = "ranker", ExperimentId = "1", Control = "control", MinSampleSize = 100,
        Variants = [new() { Name = "control", Weight = 0.5 }, new() { Name = "treatment", Weight = 0.5, ModelRef = modelRef }],
        Metrics = [new() { Key = "converted", Type = "binary", Direction = "higher" }],
    };

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef")]
    [InlineData("models:/fx-forecaster/2", "models:/fx-forecaster/2")]
    [InlineData(" models:/fx-forecaster@champion ", "models:/fx-forecaster@champion")]
    public void Create_AcceptedForms_Kept(string modelRef, string stored) =>
        Assert.Equal(stored, _validator.Create(Request(modelRef), 0).Design.Variants[1].ModelRef);

    [Theory]
    [InlineData("fx-forecaster", "is not a model reference; use a run id (32 lowercase hex characters), models:/<name>/<version> or models:/<name>@<alias>")]
    [InlineData("models:/fx-forecaster/Production", "picks a version by stage or as 'latest', which moves; use a run id")]
    [InlineData("models:/fx-forecaster/latest", "picks a version by stage or as 'latest'")]
    [InlineData("models:/fx-forecaster@v3", "'v3' is reserved")]
    [InlineData("models:/fx-forecaster", "expected models:/<name>/<version>")]
    public void Create_OtherForms_RefusedListingTheAcceptedOnes(string modelRef, string message)
    {
        var error = Assert.Throws<TrackingException>(() => _validator.Create(Request(modelRef), 0));
        Assert.StartsWith($"variants[1].modelRef '{modelRef.Trim()}'", error.Message);
        Assert.Contains(message, error.Message);
    }
}
