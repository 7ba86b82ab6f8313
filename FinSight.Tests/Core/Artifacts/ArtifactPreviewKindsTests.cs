using FinSight.Core.Artifacts;
using Xunit;

namespace FinSight.Tests.Core.Artifacts;

public class ArtifactPreviewKindsTests
{
    [Theory]
    [InlineData("train.log", ArtifactPreviewKind.Text)]
    [InlineData("README.md", ArtifactPreviewKind.Text)]
    [InlineData("config.yaml", ArtifactPreviewKind.Text)]
    [InlineData("train.py", ArtifactPreviewKind.Text)]
    [InlineData("MLmodel", ArtifactPreviewKind.Text)]
    [InlineData("metrics.JSON", ArtifactPreviewKind.Json)]
    [InlineData("predictions.csv", ArtifactPreviewKind.Csv)]
    [InlineData("table.tsv", ArtifactPreviewKind.Csv)]
    [InlineData("loss.png", ArtifactPreviewKind.Image)]
    [InlineData("photo.jpeg", ArtifactPreviewKind.Image)]
    [InlineData("diagram.svg", ArtifactPreviewKind.Image)]
    [InlineData("model.pkl", ArtifactPreviewKind.None)]
    [InlineData("weights", ArtifactPreviewKind.None)]
    public void Of_FileName_ChoosesThePreviewByExtension(string name, ArtifactPreviewKind expected)
    {
        // Assert
        Assert.Equal(expected, ArtifactPreviewKinds.Of(name));
    }
}
