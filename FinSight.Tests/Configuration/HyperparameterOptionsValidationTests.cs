using FinSight.Dashboard.Configuration;
using Xunit;

namespace FinSight.Tests.Configuration;

public sealed class HyperparameterOptionsValidationTests
{
    private static IEnumerable<string> Problems(HyperparameterOptions options) =>
        new FinSightOptionsValidation().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new FinSightOptionsValidation().Validate(null, new HyperparameterOptions()).Succeeded);
    }

    [Theory]
    [InlineData(2, 0.1, 100, "Hyperparameters:MinRuns must be between 3 and 100000 (was 2).")]
    [InlineData(10, 0, 100, "Hyperparameters:BestFraction must be more than 0 and at most 1 (was 0).")]
    [InlineData(10, 1.5, 100, "Hyperparameters:BestFraction must be more than 0 and at most 1 (was 1.5).")]
    [InlineData(10, 0.1, 0, "Hyperparameters:Trees must be between 1 and 2000 (was 0).")]
    public void Validate_OutOfRange_NamesTheSettingAndRule(int minRuns, double bestFraction, int trees, string expected)
    {
        var problems = Problems(new HyperparameterOptions { MinRuns = minRuns, BestFraction = bestFraction, Trees = trees });

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void ToSettings_CarriesTheConfiguredValues()
    {
        var settings = new HyperparameterOptions { MinRuns = 5, BestFraction = 0.2, Trees = 50 }.ToSettings();

        Assert.Equal((5, 0.2, 50), (settings.MinRuns, settings.BestFraction, settings.Trees));
    }
}
