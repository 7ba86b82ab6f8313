using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Registry;

public sealed class RegistryRulesTests
{
    [Theory]
    [InlineData("fx-forecaster")]
    [InlineData("Risk model v2.1")]
    [InlineData("credit_scoring:prod")]
    public void ModelName_Acceptable_Returned(string name) => Assert.Equal(name, RegistryRules.ModelName(name));

    [Theory]
    [InlineData(null, "name is required")]
    [InlineData("", "name is required")]
    [InlineData("   ", "name is required")]
    [InlineData("team/model", "contains '/'")]
    [InlineData("model@champion", "contains '@'")]
    [InlineData(" padded", "starts or ends with white space")]
    [InlineData("tab\tname", "control character")]
    public void ModelName_Broken_NamesTheRule(string? name, string rule)
    {
        var error = Assert.Throws<TrackingException>(() => RegistryRules.ModelName(name));
        Assert.Equal(TrackingErrorKind.InvalidInput, error.Kind);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void ModelName_TooLong_NamesTheLimit() =>
        Assert.Contains("the limit is 256", Assert.Throws<TrackingException>(() => RegistryRules.ModelName(new string('m', 257))).Message);

    [Theory]
    [InlineData("champion")]
    [InlineData("challenger-2")]
    [InlineData("v2_candidate")]
    [InlineData("v")]
    [InlineData("version3")]
    public void Alias_Acceptable_Returned(string alias) => Assert.Equal(alias, RegistryRules.Alias(alias));

    [Theory]
    [InlineData("latest", "'latest' (in any case) is reserved")]
    [InlineData("LATEST", "'latest' (in any case) is reserved")]
    [InlineData("v1", "'v1' is reserved")]
    [InlineData("V42", "'V42' is reserved")]
    [InlineData("best model", "may only contain letters, digits, '_' and '-'")]
    [InlineData("a.b", "may only contain letters, digits, '_' and '-'")]
    [InlineData("", "alias is required")]
    public void Alias_Broken_NamesTheRule(string alias, string rule) =>
        Assert.Contains(rule, Assert.Throws<TrackingException>(() => RegistryRules.Alias(alias)).Message);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("12", 12)]
    [InlineData(" 3 ", 3)]
    public void Version_Digits_Parsed(string text, int expected) => Assert.Equal(expected, RegistryRules.Version(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("one")]
    [InlineData("99999999999")]
    public void Version_NotAPositiveWholeNumber_Refused(string text) =>
        Assert.Contains("versions are whole numbers from 1", Assert.Throws<TrackingException>(() => RegistryRules.Version(text)).Message);

    [Fact]
    public void Tag_KeyBreaksKeyRulesOrValueTooLong_Refused()
    {
        Assert.Contains("tag key has a '..' path segment", Assert.Throws<TrackingException>(() => RegistryRules.Tag("../x", "v")).Message);
        Assert.Contains("the limit is 5000", Assert.Throws<TrackingException>(() => RegistryRules.Tag("k", new string('v', 5001))).Message);
        Assert.Equal(new KeyValuePair<string, string>("team", ""), RegistryRules.Tag("team", ""));
    }

    [Theory]
    [InlineData("production", "Production")]
    [InlineData("STAGING", "Staging")]
    [InlineData("none", "None")]
    [InlineData(" Archived ", "Archived")]
    public void Stage_AnyCase_Canonical(string input, string canonical) => Assert.Equal(canonical, ModelStages.Parse(input));

    [Theory]
    [InlineData("Prod")]
    [InlineData("Deleted_Internal")]
    [InlineData("")]
    public void Stage_Unknown_ListsTheStages(string input) =>
        Assert.Contains("None, Staging, Production, Archived", Assert.Throws<TrackingException>(() => ModelStages.Parse(input)).Message);
}
