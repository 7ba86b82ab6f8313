using FinSight.Core.Query;
using Xunit;

namespace FinSight.Tests.Core.Query;

public class RunFilterParserTests
{
    private static ComparisonFilter Single(string text) => Assert.IsType<ComparisonFilter>(RunFilter.Parse(text).Root);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_EmptyText_KeepsEveryRun(string? text)
    {
        var filter = RunFilter.Parse(text);

        Assert.True(filter.IsEmpty);
    }

    [Theory]
    [InlineData("metrics.val_loss < 0.1", FilterFieldKind.Metric, "val_loss", FilterOperator.Less)]
    [InlineData("metric.val_loss<=0.1", FilterFieldKind.Metric, "val_loss", FilterOperator.LessOrEqual)]
    [InlineData("params.lr > 1e-4", FilterFieldKind.Param, "lr", FilterOperator.Greater)]
    [InlineData("param.lr >= -3", FilterFieldKind.Param, "lr", FilterOperator.GreaterOrEqual)]
    [InlineData("tags.team = 'fx'", FilterFieldKind.Tag, "team", FilterOperator.Equal)]
    [InlineData("tag.team == \"fx\"", FilterFieldKind.Tag, "team", FilterOperator.Equal)]
    [InlineData("tags.team != 'fx'", FilterFieldKind.Tag, "team", FilterOperator.NotEqual)]
    [InlineData("tags.team <> 'fx'", FilterFieldKind.Tag, "team", FilterOperator.NotEqual)]
    [InlineData("attributes.status = 'running'", FilterFieldKind.Attribute, "status", FilterOperator.Equal)]
    [InlineData("attribute.RUN_NAME like 'lstm%'", FilterFieldKind.Attribute, "run_name", FilterOperator.Like)]
    [InlineData("attr.owner ILIKE '%ann%'", FilterFieldKind.Attribute, "owner", FilterOperator.ILike)]
    [InlineData("params.optimizer NOT LIKE 'sgd%'", FilterFieldKind.Param, "optimizer", FilterOperator.NotLike)]
    [InlineData("params.optimizer not ilike 'SGD%'", FilterFieldKind.Param, "optimizer", FilterOperator.NotILike)]
    [InlineData("metrics.train/loss.ema-1 > .5", FilterFieldKind.Metric, "train/loss.ema-1", FilterOperator.Greater)]
    [InlineData("metrics.`val loss` < 1", FilterFieldKind.Metric, "val loss", FilterOperator.Less)]
    [InlineData("metrics.\"val/loss\" < 1", FilterFieldKind.Metric, "val/loss", FilterOperator.Less)]
    public void Parse_Comparison_ReadsFieldAndOperator(string text, FilterFieldKind kind, string key, FilterOperator op)
    {
        var comparison = Single(text);

        Assert.Equal(kind, comparison.Field.Kind);
        Assert.Equal(key, comparison.Field.Key);
        Assert.Equal(op, comparison.Operator);
    }

    [Theory]
    [InlineData("1e-4", 1e-4)]
    [InlineData("-3", -3.0)]
    [InlineData(".5", 0.5)]
    [InlineData("42", 42.0)]
    public void Parse_NumberLiteral_ReadsNumber(string literal, double expected)
    {
        var comparison = Single($"metrics.loss < {literal}");

        Assert.Equal(expected, comparison.Values[0].Number);
    }

    [Fact]
    public void Parse_QuotedStrings_UnescapeQuotes()
    {
        Assert.Equal("it's", Single("tags.note = 'it''s'").Values[0].Text);
        Assert.Equal("say \"hi\"", Single("tags.note = \"say \\\"hi\\\"\"").Values[0].Text);
        Assert.Null(Single("tags.note = '42'").Values[0].Number);
    }

    [Theory]
    [InlineData("min(metrics.val_loss) < 0.1", MetricAggregate.Min)]
    [InlineData("MAX(metric.`val/acc`) > 0.9", MetricAggregate.Max)]
    [InlineData("metrics.val_loss < 0.1", MetricAggregate.Latest)]
    public void Parse_MetricAggregate_ReadsSummary(string text, MetricAggregate aggregate)
    {
        var comparison = Single(text);

        Assert.Equal(FilterFieldKind.Metric, comparison.Field.Kind);
        Assert.Equal(aggregate, comparison.Field.Aggregate);
    }

    [Fact]
    public void Parse_InList_ReadsEveryValue()
    {
        var comparison = Single("params.optimizer in ('adam', \"sgd\", 'rmsprop')");

        Assert.Equal(FilterOperator.In, comparison.Operator);
        Assert.Equal(["adam", "sgd", "rmsprop"], comparison.Values.Select(v => v.Text));
    }

    [Fact]
    public void Parse_NotInList_ReadsNumbers()
    {
        var comparison = Single("params.batch NOT IN (32, 64)");

        Assert.Equal(FilterOperator.NotIn, comparison.Operator);
        Assert.Equal([32.0, 64.0], comparison.Values.Select(v => v.Number!.Value));
    }

    [Fact]
    public void Parse_AndOr_AndBindsTighter()
    {
        var root = RunFilter.Parse("tags.a = '1' or tags.b = '2' and tags.c = '3'").Root;

        var or = Assert.IsType<OrFilter>(root);
        Assert.Equal("a", Assert.IsType<ComparisonFilter>(or.Left).Field.Key);
        var and = Assert.IsType<AndFilter>(or.Right);
        Assert.Equal("b", Assert.IsType<ComparisonFilter>(and.Left).Field.Key);
        Assert.Equal("c", Assert.IsType<ComparisonFilter>(and.Right).Field.Key);
    }

    [Fact]
    public void Parse_Parentheses_OverridePrecedence()
    {
        var root = RunFilter.Parse("(tags.a = '1' OR tags.b = '2') AND tags.c = '3'").Root;

        var and = Assert.IsType<AndFilter>(root);
        Assert.IsType<OrFilter>(and.Left);
        Assert.Equal("c", Assert.IsType<ComparisonFilter>(and.Right).Field.Key);
    }

    [Fact]
    public void Parse_Not_BindsTighterThanAnd()
    {
        var root = RunFilter.Parse("not tags.a = '1' and tags.b = '2'").Root;

        var and = Assert.IsType<AndFilter>(root);
        Assert.IsType<NotFilter>(and.Left);
    }

    [Theory]
    [InlineData("metrics.val_loss < ", "Expected a value after '<'", 19)]
    [InlineData("metrics.val_loss < and tags.a = 'x'", "Expected a value after '<'", 19)]
    [InlineData("metric_x < 1", "Unknown field 'metric_x'; use metrics.<key>, params.<key>, tags.<key> or attributes.<name>", 0)]
    [InlineData("tags.a = 'x' and (metrics.a < 1", "Unclosed parenthesis opened at column 18", 31)]
    [InlineData("tags.a = 'x')", "Unexpected ')'", 12)]
    [InlineData("metrics.loss < 'low'", "metrics.loss is a number", 15)]
    [InlineData("attributes.start_time > 'yesterday'", "attributes.start_time is a number", 24)]
    [InlineData("attributes.colour = 'red'", "Unknown attribute 'colour'", 0)]
    [InlineData("params.optimizer < 'adam'", "'<' compares numbers", 19)]
    [InlineData("metrics.loss like '%a'", "'like' matches text, but metrics.loss is a number", 13)]
    [InlineData("tags.team = 'fx", "Unterminated string", 12)]
    [InlineData("tags.team = fx", "put text in quotes", 12)]
    [InlineData("tags.team 'fx'", "Expected an operator", 10)]
    [InlineData("tags.a = 'x' tags.b = 'y'", "Expected 'and' or 'or' before 'tags.b'", 13)]
    [InlineData("tags.a = 'x' and", "Expected a condition such as metrics.loss < 0.1 after 'and'", 16)]
    [InlineData("metrics. < 1", "Expected a key after 'metrics.'", 8)]
    [InlineData("min(params.lr) < 1", "min() applies to a metric", 4)]
    [InlineData("attributes.status = 'done'", "'done' is not a run status", 20)]
    [InlineData("params.a in ()", "is empty", 13)]
    [InlineData("params.a in ('x', 'y'", "Unclosed parenthesis opened at column 13", 21)]
    [InlineData("params.a ! 'x'", "'!' must be followed by '='", 9)]
    [InlineData("attributes.run_name > 5", "'>' compares numbers, and attributes.run_name is text", 20)]
    [InlineData("attributes.owner <= 3", "'<=' compares numbers, and attributes.owner is text", 17)]
    public void Parse_InvalidText_ThrowsWithPosition(string text, string reason, int position)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => RunFilter.Parse(text));

        Assert.Contains(reason, error.Reason);
        Assert.Equal(position, error.Position);
        Assert.EndsWith($"at column {position + 1}", error.Message);
    }

    [Fact]
    public void Parse_NestedDeeperThanTheLimit_RefusedWithAMessageNotAStackOverflow()
    {
        var deep = new string('(', 5000) + "tags.a = 'x'" + new string(')', 5000);
        var nots = string.Concat(Enumerable.Repeat("not ", 65)) + "tags.a = 'x'";

        Assert.Contains("at most 4,000 are accepted", Assert.Throws<FilterSyntaxException>(() => RunFilter.Parse(deep)).Reason);
        Assert.Contains("nested more than 64 deep", Assert.Throws<FilterSyntaxException>(() => RunFilter.Parse(nots)).Reason);
        Assert.NotNull(RunFilter.Parse(string.Concat(Enumerable.Repeat("not ", 63)) + "tags.a = 'x'").Root);
    }

    [Fact]
    public void TryParse_InvalidText_ReturnsErrorWithoutThrowing()
    {
        var ok = RunFilter.TryParse("metrics.val_loss <", out var filter, out var error);

        Assert.False(ok);
        Assert.True(filter.IsEmpty);
        Assert.Equal("Expected a value after '<', found the end of the filter at column 19", error!.Message);
    }

    [Theory]
    [InlineData("metrics.val_loss", FilterFieldKind.Metric, "val_loss", MetricAggregate.Latest)]
    [InlineData("min(metrics.`val loss`)", FilterFieldKind.Metric, "val loss", MetricAggregate.Min)]
    [InlineData("params.lr", FilterFieldKind.Param, "lr", MetricAggregate.Latest)]
    [InlineData("attributes.duration", FilterFieldKind.Attribute, "duration", MetricAggregate.Latest)]
    public void FieldParse_ThenToString_RoundTrips(string text, FilterFieldKind kind, string key, MetricAggregate aggregate)
    {
        var field = FilterField.Parse(text);

        Assert.Equal(new FilterField(kind, key, aggregate), field);
        Assert.Equal(field, FilterField.Parse(field.ToString()));
    }
}
