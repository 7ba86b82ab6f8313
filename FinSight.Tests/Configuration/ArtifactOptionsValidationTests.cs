using FinSight.Dashboard.Configuration;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Configuration;

public sealed class ArtifactOptionsValidationTests
{
    private static IEnumerable<string> Problems(ArtifactOptions options) =>
        new FinSightOptionsValidation().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new FinSightOptionsValidation().Validate(null, new ArtifactOptions()).Succeeded);
        Assert.Equal(5L * 1024 * 1024 * 1024, new ArtifactOptions().MaxUploadBytes);
    }

    [Fact]
    public void Validate_OutOfRange_NamesEachSettingAndRule()
    {
        var problems = Problems(new ArtifactOptions { MaxUploadBytes = 0, MaxPathLength = 8, PreviewBytes = 10, PreviewRows = 0 });

        Assert.Equal(
        [
            "Artifacts:MaxUploadBytes must be at least 1 (was 0).",
            "Artifacts:MaxPathLength must be between 16 and 4096 (was 8).",
            "Artifacts:PreviewBytes must be between 1024 and 16777216 (was 10).",
            "Artifacts:PreviewRows must be between 1 and 10000 (was 0).",
        ], problems);
    }

    [Fact]
    public async Task Start_WithABadSetting_RefusesToStartNamingIt()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => FinSightServer.StartAsync(new() { ["Artifacts:MaxUploadBytes"] = "0" }));

        Assert.Contains("Artifacts:MaxUploadBytes must be at least 1 (was 0).", refused.ToString());
    }
}
