using System.Security.Claims;
using FinSight.Core.Analysis;
using FinSight.Core.Analysis.Hyperparameters;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary><c>GET /api/v1/experiments/{experimentId}/hyperparameters</c> (DESIGN.md, public contract): which params matter for a metric.</summary>
public static class HyperparametersApi
{
    public static RouteGroupBuilder MapHyperparametersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments/{experimentId}/hyperparameters", Analyze);
        return api;
    }

    /// <param name="experimentId">The experiment whose finished runs are analysed (needs READ).</param>
    /// <param name="target">The metric key to explain, e.g. <c>val_loss</c> (required).</param>
    /// <param name="mode"><c>min</c> or <c>max</c>: which way the target improves; default the saved direction, else the one its name implies.</param>
    /// <param name="aggregate"><c>best</c> (default) or <c>last</c>: which value of each run's history stands for it.</param>
    public static async Task<Ok<HyperparameterAnalysis>> Analyze(string experimentId, string? target, string? mode, string? aggregate,
        ClaimsPrincipal caller, HyperparameterReader reader, CancellationToken ct)
    {
        var query = Parse(target, mode, aggregate);
        return TypedResults.Ok((await reader.AnalyzeAsync(caller, experimentId, query, ct)).Analysis);
    }

    private static HyperparameterQuery Parse(string? target, string? mode, string? aggregate)
    {
        if (string.IsNullOrWhiteSpace(target))
            throw TrackingException.Invalid("target is required: the metric to analyse, e.g. ?target=val_loss.");
        MetricDirection? direction = mode switch
        {
            null or "" => null,
            "min" => MetricDirection.Minimize,
            "max" => MetricDirection.Maximize,
            _ => throw TrackingException.Invalid($"mode must be min or max (was '{mode}')."),
        };
        var which = aggregate switch
        {
            null or "" or "best" => MetricAggregate.Best,
            "last" => MetricAggregate.Last,
            _ => throw TrackingException.Invalid($"aggregate must be best or last (was '{aggregate}')."),
        };
        return new HyperparameterQuery(target, direction, which);
    }
}
