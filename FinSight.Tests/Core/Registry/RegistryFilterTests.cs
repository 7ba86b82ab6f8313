using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using Xunit;
using FinSight.Core.Query;

namespace FinSight.Tests.Core.Registry;

public sealed class RegistryFilterTests
{
    [Fact]
    public void Parse_LikeAndTagJoinedByAnd_TwoClauses()
    {
        var clauses = RegistryFilter.Parse("name LIKE '%fx%' AND tags.team = 'rates'", RegistryFilter.ModelFields);

        Assert.Equal(2, clauses.Count);
        Assert.Equal(("name", "LIKE", "%fx%"), (clauses[0].Field, clauses[0].Operator, clauses[0].Values[0]));
        Assert.Equal(("tags.team", "=", "rates"), (clauses[1].Field, clauses[1].Operator, clauses[1].Values[0]));
    }

    [Fact]
    public void Parse_RunIdInList_AllValues()
    {
        var clause = Assert.Single(RegistryFilter.Parse("run_id IN ('a1', \"b2\")", RegistryFilter.VersionFields));
        Assert.Equal("IN", clause.Operator);
        Assert.Equal(["a1", "b2"], clause.Values);
    }

    [Fact]
    public void Parse_QuotedTagKeyAndEscapedQuote_Read()
    {
        var clause = Assert.Single(RegistryFilter.Parse("tags.`owner team` = 'o''brien'", RegistryFilter.ModelFields));
        Assert.Equal("tags.owner team", clause.Field);
        Assert.Equal("o'brien", clause.Values[0]);
    }

    [Theory]
    [InlineData("name LIKE 'fx%'", "fx-forecaster", true)]
    [InlineData("name LIKE 'FX%'", "fx-forecaster", false)]
    [InlineData("name ILIKE 'FX%'", "fx-forecaster", true)]
    [InlineData("name LIKE 'fx_forecaster'", "fx-forecaster", true)]
    [InlineData("name = 'fx'", "fx", true)]
    [InlineData("name != 'fx'", "fx", false)]
    [InlineData("name LIKE '%(1)%'", "risk (1) model", true)]
    public void Matches_SqlSemantics(string filter, string value, bool expected) =>
        Assert.Equal(expected, Assert.Single(RegistryFilter.Parse(filter, RegistryFilter.ModelFields)).Matches(value));

    [Fact]
    public void Matches_AbsentTag_NoMatch() =>
        Assert.False(Assert.Single(RegistryFilter.Parse("tags.team != 'x'", RegistryFilter.ModelFields)).Matches(null));

    [Theory]
    [InlineData("run_id = 'x'", "'run_id' is not a field you can search on")]
    [InlineData("name LIKE fx", "fx is not a value; put strings in quotes")]
    [InlineData("name ~ 'fx'", "cannot read it from position")]
    [InlineData("name = 'a' OR name = 'b'", "conditions are joined with AND")]
    [InlineData("name =", "it ends where a value is expected")]
    [InlineData("name IS 'x'", "'IS' is not an operator here")]
    public void Parse_Broken_QuotesTheFilterAndSaysWhy(string filter, string why)
    {
        var error = Assert.Throws<TrackingException>(() => RegistryFilter.Parse(filter, RegistryFilter.ModelFields));
        Assert.Contains($"filter \"{filter}\" is not a valid search", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Parse_VersionNumberLike_Refused() =>
        Assert.Contains("version_number compares with =, != or IN",
            Assert.Throws<TrackingException>(() => RegistryFilter.Parse("version_number LIKE '1%'", RegistryFilter.VersionFields)).Message);

    [Fact]
    public void Order_FieldsAndDirections_ParsedAndTimestampIsLastUpdate()
    {
        var keys = RegistryOrder.Parse(["name DESC", "timestamp"], RegistryOrder.ModelFields);
        Assert.Equal([new RegistryOrderKey("name", true), new RegistryOrderKey("last_updated_timestamp", false)], keys);
        Assert.Contains("sorts by an unknown field", Assert.Throws<TrackingException>(() => RegistryOrder.Parse(["owner"], RegistryOrder.ModelFields)).Message);
        Assert.Contains("is not '<field> [ASC|DESC]'", Assert.Throws<TrackingException>(() => RegistryOrder.Parse(["name UP"], RegistryOrder.ModelFields)).Message);
    }

    [Fact]
    public void PageToken_RoundTripsAndRefusesForeignTokens()
    {
        Assert.Equal(0, OffsetPageToken.Decode(null));
        Assert.Equal(40, OffsetPageToken.Decode(OffsetPageToken.Encode(40)));
        Assert.Contains("is not a page token", Assert.Throws<TrackingException>(() => OffsetPageToken.Decode("not-base64!")).Message);
        Assert.Contains("between 1 and 1000", Assert.Throws<TrackingException>(() => OffsetPageToken.MaxResults(0, 100, 1000)).Message);
        Assert.Equal(100, OffsetPageToken.MaxResults(null, 100, 1000));
    }
}
