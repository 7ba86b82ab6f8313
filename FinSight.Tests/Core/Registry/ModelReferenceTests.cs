using FinSight.Core.Registry;
using Xunit;

namespace FinSight.Tests.Core.Registry;

public sealed class ModelReferenceTests
{
    [Fact]
    public void TryParse_Version_NameAndNumber()
    {
        Assert.True(ModelReference.TryParse("models:/fx-forecaster/3", out var reference, out _));
        Assert.Equal(new ModelReference("fx-forecaster", ModelReferenceKind.Version, 3), reference);
        Assert.Equal("models:/fx-forecaster/3", reference.ToString());
    }

    [Fact]
    public void TryParse_Alias_NameAndAlias()
    {
        Assert.True(ModelReference.TryParse("models:/fx forecaster@champion", out var reference, out _));
        Assert.Equal(new ModelReference("fx forecaster", ModelReferenceKind.Alias, Label: "champion"), reference);
        Assert.Equal("models:/fx forecaster@champion", reference.ToString());
    }

    [Theory]
    [InlineData("models:/risk/production", ModelReferenceKind.Stage, "Production")]
    [InlineData("models:/risk/Staging", ModelReferenceKind.Stage, "Staging")]
    [InlineData("models:/risk/latest", ModelReferenceKind.Latest, null)]
    public void TryParse_StageOrLatest_Canonical(string uri, ModelReferenceKind kind, string? label)
    {
        Assert.True(ModelReference.TryParse(uri, out var reference, out _));
        Assert.Equal(kind, reference.Kind);
        Assert.Equal(label, reference.Label);
        Assert.Equal("risk", reference.Name);
    }

    [Theory]
    [InlineData("runs:/abc/model", "starts with 'models:/'")]
    [InlineData("models:/risk", "expected models:/<name>/<version>")]
    [InlineData("models:/risk/", "expected models:/<name>/<version>")]
    [InlineData("models:/a/b/1", "expected models:/<name>/<version>")]
    [InlineData("models:/risk/0", "versions are whole numbers from 1")]
    [InlineData("models:/risk/Prod", "'Prod' is neither a version number")]
    [InlineData("models:/risk@latest", "'latest' (in any case) is reserved")]
    [InlineData("models:/risk@v2", "'v2' is reserved")]
    [InlineData("models:/@champion", "expected models:/<name>/<version>")]
    public void TryParse_Malformed_SaysWhy(string uri, string why)
    {
        Assert.False(ModelReference.TryParse(uri, out _, out var error));
        Assert.Contains(why, error);
    }
}
