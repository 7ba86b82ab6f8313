using System.Security.Claims;
using System.Text;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary>
/// <c>GET /api/v1/runs/{runId}/report</c> and <c>GET /api/v1/compare/report?runIds=a,b</c>: self-contained HTML reports
/// as downloads. READ on every run's experiment is needed (403), unknown runs are 404, and the compare page's rules
/// for its run ids apply (400).
/// </summary>
public static class ReportsApi
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/runs/{runId}/report", GetRunReport);
        api.MapGet("/compare/report", GetCompareReport);
        return api;
    }

    public static async Task<FileStreamHttpResult> GetRunReport(string runId, ClaimsPrincipal caller, ReportLoader loader, CancellationToken ct)
    {
        var report = await loader.LoadRunAsync(caller, runId, ct);
        return Download(ReportFileName.ForRun(report.Run.Info.RunName, report.Run.Info.RunId), writer => RunReportWriter.Write(writer, report));
    }

    /// <param name="runIds">2 to 20 run ids, comma-separated.</param>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetCompareReport(
        string? runIds, ClaimsPrincipal caller, ReportLoader loader, CancellationToken ct)
    {
        if (CompareRunIds.Check(runIds, out var ids) is { } problem)
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        var report = await loader.LoadComparisonAsync(caller, ids, ct);
        return Download(ReportFileName.ForComparison(ids), writer => CompareReportWriter.Write(writer, report));
    }

    /// <summary>
    /// Written to memory first (a report is about 1.2 MB, most of it plotly.js): the writer is synchronous, which the
    /// response stream does not allow, and a complete body gets a Content-Length.
    /// </summary>
    private static FileStreamHttpResult Download(string fileName, Action<TextWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true))
            write(writer);
        buffer.Position = 0;
        return TypedResults.File(buffer, HtmlContentType, fileName);
    }
}
