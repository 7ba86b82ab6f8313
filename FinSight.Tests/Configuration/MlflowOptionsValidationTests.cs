using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using Xunit;

namespace FinSight.Tests.Configuration;

public sealed class MlflowOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_SucceedWithMlflowsLimits()
    {
        var options = new MlflowOptions();

        Assert.True(new FinSightOptionsValidation().Validate(null, options).Succeeded);
        Assert.Equal((1000, 100, 100, 1000, 250, 6000, 8000),
            (options.MaxMetricsPerBatch, options.MaxParamsPerBatch, options.MaxTagsPerBatch, options.MaxEntitiesPerBatch,
             options.MaxKeyLength, options.MaxParamValueLength, options.MaxTagValueLength));
    }

    [Fact]
    public void Validate_OutOfRange_NamesTheSettingAndRule()
    {
        var failures = new FinSightOptionsValidation().Validate(null, new MlflowOptions { MaxMetricsPerBatch = 0, MaxKeyLength = 5000 }).Failures;

        Assert.Equal(["Mlflow:MaxMetricsPerBatch must be between 1 and 1000000 (was 0).", "Mlflow:MaxKeyLength must be between 1 and 1000 (was 5000)."], failures);
    }

    [Fact]
    public void ToTrackingLimits_UsesMlflowsNumbers_NotTheV1Limits()
    {
        var limits = new MlflowOptions().ToTrackingLimits(new TrackingLimits { MaxPointsPerBatch = 10_000, MaxTagValueLength = 100 });

        Assert.Equal((1000, 8000, 6000), (limits.MaxPointsPerBatch, limits.MaxTagValueLength, limits.MaxParamValueLength));
    }
}
