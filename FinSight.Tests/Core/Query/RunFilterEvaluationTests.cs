using FinSight.Core.Query;
using Xunit;

namespace FinSight.Tests.Core.Query;

/// <summary>Filters evaluated in memory over <see cref="RunRecord"/>s, with the semantics the database gives.</summary>
public class RunFilterEvaluationTests
{
    private const long Now = 1_000_000;

    private static readonly RunRecord Adam = Run("a", "lstm-adam", "FINISHED", start: 1_000, end: 61_000, owner: "anna",
        parameters: new() { ["optimizer"] = "adam", ["lr"] = "0.0005", ["batch"] = "32" },
        tags: new() { ["team"] = "fx" },
        metrics: new() { ["val_loss"] = new(0.08, 0.05, 0.9), ["val/acc"] = new(0.91, 0.5, 0.93) });

    private static readonly RunRecord Sgd = Run("b", "lstm-sgd", "RUNNING", start: 400_000, end: null, owner: "ben",
        parameters: new() { ["optimizer"] = "sgd", ["lr"] = "0.01", ["batch"] = "64" },
        tags: new() { ["team"] = "rates" },
        metrics: new() { ["val_loss"] = new(0.2, 0.15, 1.1) });

    private static readonly RunRecord Bare = Run("c", "GRU baseline", "FAILED", start: 2_000, end: 3_000, owner: null,
        parameters: new() { ["lr"] = "auto" },
        tags: new(),
        metrics: new() { ["val_loss"] = new(double.NaN, double.NaN, double.NaN) });

    private static readonly RunRecord[] Runs = [Adam, Sgd, Bare];

    private static string[] Matching(string filter) =>
        RunRecordAccessor.Where(Runs, RunFilter.Parse(filter), Now).Select(r => r.RunId).ToArray();

    [Theory]
    [InlineData("", new[] { "a", "b", "c" })]
    [InlineData("metrics.val_loss < 0.1", new[] { "a" })]
    [InlineData("metrics.val_loss >= 0.08", new[] { "a", "b" })]
    [InlineData("min(metrics.val_loss) <= 0.15", new[] { "a", "b" })]
    [InlineData("max(metrics.val_loss) > 1", new[] { "b" })]
    [InlineData("metrics.`val/acc` > 0.9", new[] { "a" })]
    [InlineData("metrics.val_loss in (0.2, 0.08)", new[] { "a", "b" })]
    public void Where_MetricComparison_UsesChosenSummary(string filter, string[] expected)
    {
        Assert.Equal(expected, Matching(filter));
    }

    [Theory]
    [InlineData("metrics.val_loss < 100")]
    [InlineData("metrics.val_loss > -100")]
    [InlineData("metrics.val_loss != 0.5")]
    [InlineData("min(metrics.val_loss) < 100")]
    public void Where_NaNMetric_NeverMatches(string filter)
    {
        Assert.DoesNotContain("c", Matching(filter));
    }

    [Fact]
    public void Where_MissingMetric_MatchesNoComparisonButNotNegatesIt()
    {
        Assert.Equal(["a"], Matching("metrics.`val/acc` != 0.5"));
        Assert.Equal(["b", "c"], Matching("not metrics.`val/acc` > 0.5"));
    }

    [Theory]
    [InlineData("params.lr < 0.001", new[] { "a" })]
    [InlineData("params.lr >= 0.0005", new[] { "a", "b" })]
    [InlineData("params.batch = 32", new[] { "a" })]
    [InlineData("params.batch = 32.0", new[] { "a" })]
    [InlineData("params.batch = '32'", new[] { "a" })]
    [InlineData("params.batch = '32.0'", new string[0])]
    [InlineData("params.batch in (64, 128)", new[] { "b" })]
    [InlineData("params.lr = 'auto'", new[] { "c" })]
    [InlineData("params.lr != 0.01", new[] { "a" })]
    public void Where_ParamAgainstNumber_ComparesNumericallyAndSkipsText(string filter, string[] expected)
    {
        Assert.Equal(expected, Matching(filter));
    }

    [Theory]
    [InlineData("params.optimizer = \"adam\"", new[] { "a" })]
    [InlineData("params.optimizer = 'ADAM'", new string[0])]
    [InlineData("params.optimizer != 'adam'", new[] { "b" })]
    [InlineData("params.optimizer in ('adam', 'sgd')", new[] { "a", "b" })]
    [InlineData("params.optimizer not in ('adam')", new[] { "b" })]
    [InlineData("params.optimizer like 'a%'", new[] { "a" })]
    [InlineData("params.optimizer like 'A%'", new string[0])]
    [InlineData("params.optimizer ilike 'A%'", new[] { "a" })]
    [InlineData("params.optimizer like 's_d'", new[] { "b" })]
    [InlineData("params.optimizer not like 's%'", new[] { "a" })]
    [InlineData("tags.team = 'fx'", new[] { "a" })]
    [InlineData("tags.team != 'fx'", new[] { "b" })]
    [InlineData("not tags.team = 'fx'", new[] { "b", "c" })]
    public void Where_TextComparison_IsExactAndCaseSensitiveExceptIlike(string filter, string[] expected)
    {
        Assert.Equal(expected, Matching(filter));
    }

    [Theory]
    [InlineData("attributes.status = 'running'", new[] { "b" })]
    [InlineData("attributes.status != 'RUNNING'", new[] { "a", "c" })]
    [InlineData("attributes.status in ('finished', 'Failed')", new[] { "a", "c" })]
    [InlineData("attributes.status like 'fin%'", new[] { "a" })]
    [InlineData("attributes.run_name like 'lstm%'", new[] { "a", "b" })]
    [InlineData("attributes.run_name ilike '%gru%'", new[] { "c" })]
    [InlineData("attributes.run_id = 'b'", new[] { "b" })]
    [InlineData("attributes.owner = 'anna'", new[] { "a" })]
    [InlineData("attributes.owner != 'anna'", new[] { "b" })]
    [InlineData("attributes.start_time >= 2000", new[] { "b", "c" })]
    [InlineData("attributes.end_time < 10000", new[] { "c" })]
    [InlineData("attributes.duration > 100000", new[] { "b" })]
    [InlineData("attributes.duration = 60000", new[] { "a" })]
    public void Where_Attribute_ComparesByItsType(string filter, string[] expected)
    {
        Assert.Equal(expected, Matching(filter));
    }

    [Theory]
    [InlineData("tags.team = 'fx' or tags.team = 'rates' and params.optimizer = 'adam'", new[] { "a" })]
    [InlineData("(tags.team = 'fx' or tags.team = 'rates') and params.optimizer = 'sgd'", new[] { "b" })]
    [InlineData("metrics.val_loss < 0.1 and params.optimizer = \"adam\" and tags.team = \"fx\"", new[] { "a" })]
    [InlineData("not (attributes.status = 'FAILED' or params.lr < 0.001)", new[] { "b" })]
    public void Where_BooleanCombinations_FollowPrecedence(string filter, string[] expected)
    {
        Assert.Equal(expected, Matching(filter));
    }

    [Theory]
    [InlineData("50%", "5%", true)]
    [InlineData("a*b", "a*b", true)]
    [InlineData("axb", "a*b", false)]
    [InlineData("a.b", "a_b", true)]
    public void LikePattern_ToRegex_TreatsOnlyPercentAndUnderscoreAsWildcards(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, LikePattern.ToRegex(pattern, ignoreCase: false).IsMatch(text));
    }

    [Fact]
    public void LikePattern_ToGlob_EscapesGlobWildcards()
    {
        Assert.Equal("a*[*]?[?][[]", LikePattern.ToGlob("a%*_?["));
    }

    private static RunRecord Run(string id, string name, string status, long start, long? end, string? owner,
        Dictionary<string, string> parameters, Dictionary<string, string> tags, Dictionary<string, RunMetricSummary> metrics) =>
        new(id, name, status, start, end, owner, parameters, tags, metrics);
}
