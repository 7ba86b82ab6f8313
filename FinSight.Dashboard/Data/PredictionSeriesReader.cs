using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Contracts;
using FinSight.Core.Storage;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>Reads the prediction series stored for a run (needs READ on its experiment).</summary>
public sealed class PredictionSeriesReader(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access)
{
    /// <summary>The run's series, oldest first; 404 for an unknown run.</summary>
    public async Task<PredictionSeriesList> ListAsync(ClaimsPrincipal caller, string runId, CancellationToken cancellationToken = default)
    {
        TrackingValidator.RunId(runId);
        await access.RequireRunAsync(caller, runId, PermissionLevel.Read, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PredictionSeries.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return new PredictionSeriesList(runId, rows.Select(s => new StoredPredictionSeries(
            s.BatchId, s.Step, s.CreatedAt, s.PointCount, s.PeriodsPerYear,
            PackedDoubles.Decode(s.Actual), PackedDoubles.Decode(s.Predicted), s.Returns is null ? null : PackedDoubles.Decode(s.Returns))).ToList());
    }
}
