using FinSight.Core.Registry;
using Xunit;

namespace FinSight.Tests.Core.Registry;

public sealed class ModelSourcesTests
{
    private const string Run = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("runs:/" + Run + "/model", "model")]
    [InlineData("runs:/" + Run + "/checkpoints/best", "checkpoints/best")]
    [InlineData("runs:/" + Run, "")]
    [InlineData("mlflow-artifacts:/3/" + Run + "/artifacts/model", "model")]
    [InlineData("mlflow-artifacts://tracking:5000/3/" + Run + "/artifacts/model/data", "model/data")]
    public void RunOf_RunForms_RunAndPath(string source, string path) => Assert.Equal(new RunArtifact(Run, path), ModelSources.RunOf(source));

    [Theory]
    [InlineData("s3://bucket/models/fx")]
    [InlineData("runs:/not-a-run/model")]
    [InlineData("mlflow-artifacts:/3/" + Run + "/outputs/model")]
    [InlineData("models:/fx/1")]
    [InlineData("")]
    public void RunOf_NoRunInIt_Null(string source) => Assert.Null(ModelSources.RunOf(source));
}
