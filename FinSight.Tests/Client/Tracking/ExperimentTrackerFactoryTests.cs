using FinSight.Client.Tracking;
using Xunit;

namespace FinSight.Tests.Client.Tracking;

public sealed class ExperimentTrackerFactoryTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Create_UndefinedType_RefusedListingTheKnownTypes()
    {
        // Act
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ExperimentTrackerFactory.Create((TrackerType)42, new TrackerOptions()));

        // Assert
        Assert.Contains("42", error.Message);
        Assert.Contains("finsight, mlflow, simple", error.Message);
    }

    [Fact]
    public void Create_UnknownName_RefusedListingTheKnownTypes()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => ExperimentTrackerFactory.Create("simple,wandb", new TrackerOptions { SimpleRoot = _root.Path }));

        // Assert
        Assert.Contains("'wandb'", error.Message);
        Assert.Contains("finsight, mlflow, simple", error.Message);
    }

    [Fact]
    public void Create_MlflowWithoutOptions_NamesTheMissingOptions()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => ExperimentTrackerFactory.Create(TrackerType.Mlflow, new TrackerOptions()));

        // Assert
        Assert.Contains("TrackerOptions.Mlflow", error.Message);
    }

    [Fact]
    public async Task Create_ByName_CaseInsensitive()
    {
        // Act
        await using var single = ExperimentTrackerFactory.Create("Simple", new TrackerOptions { SimpleRoot = _root.Path });
        await using var several = ExperimentTrackerFactory.Create("simple, simple", new TrackerOptions { SimpleRoot = _root.Path });

        // Assert
        Assert.IsType<SimpleExperimentTracker>(single);
        Assert.Equal(2, Assert.IsType<CompositeExperimentTracker>(several).Trackers.Count);
    }
}
