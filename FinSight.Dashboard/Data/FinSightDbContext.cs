using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>
/// Owns the schema and migrations (tracking data, and Identity's users and roles in the same database); the
/// ingestion hot path writes with prepared ADO.NET commands instead.
/// </summary>
public sealed class FinSightDbContext(DbContextOptions<FinSightDbContext> options) : IdentityDbContext<FinSightUser, IdentityRole, string>(options)
{
    public DbSet<ExperimentEntity> Experiments => Set<ExperimentEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<RunParamEntity> Params => Set<RunParamEntity>();
    public DbSet<RunTagEntity> Tags => Set<RunTagEntity>();
    public DbSet<MetricSeriesEntity> MetricSeries => Set<MetricSeriesEntity>();
    public DbSet<MetricChunkEntity> MetricChunks => Set<MetricChunkEntity>();
    public DbSet<IngestedBatchEntity> IngestedBatches => Set<IngestedBatchEntity>();
    public DbSet<MetricDirectionEntity> MetricDirections => Set<MetricDirectionEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<ExperimentPermissionEntity> ExperimentPermissions => Set<ExperimentPermissionEntity>();
    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();
    public DbSet<AbTestEntity> AbTests => Set<AbTestEntity>();
    public DbSet<AbSplitChangeEntity> AbSplitChanges => Set<AbSplitChangeEntity>();
    public DbSet<AbUnitEntity> AbUnits => Set<AbUnitEntity>();
    public DbSet<AbMetricTotalsEntity> AbMetricTotals => Set<AbMetricTotalsEntity>();
    public DbSet<AbDailyTotalsEntity> AbDailyTotals => Set<AbDailyTotalsEntity>();
    public DbSet<AbDailyUnitsEntity> AbDailyUnits => Set<AbDailyUnitsEntity>();
    public DbSet<RunPredictionSeriesEntity> PredictionSeries => Set<RunPredictionSeriesEntity>();
    public DbSet<ExperimentTagEntity> ExperimentTags => Set<ExperimentTagEntity>();
    public DbSet<RegisteredModelEntity> RegisteredModels => Set<RegisteredModelEntity>();
    public DbSet<RegisteredModelTagEntity> RegisteredModelTags => Set<RegisteredModelTagEntity>();
    public DbSet<ModelVersionEntity> ModelVersions => Set<ModelVersionEntity>();
    public DbSet<ModelVersionTagEntity> ModelVersionTags => Set<ModelVersionTagEntity>();
    public DbSet<RegisteredModelAliasEntity> RegisteredModelAliases => Set<RegisteredModelAliasEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FinSightDbContext).Assembly);
    }
}
