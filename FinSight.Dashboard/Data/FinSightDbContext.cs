using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>Owns the schema and migrations; the ingestion hot path writes with prepared ADO.NET commands instead.</summary>
public sealed class FinSightDbContext(DbContextOptions<FinSightDbContext> options) : DbContext(options)
{
    public DbSet<ExperimentEntity> Experiments => Set<ExperimentEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<RunParamEntity> Params => Set<RunParamEntity>();
    public DbSet<RunTagEntity> Tags => Set<RunTagEntity>();
    public DbSet<MetricSeriesEntity> MetricSeries => Set<MetricSeriesEntity>();
    public DbSet<MetricChunkEntity> MetricChunks => Set<MetricChunkEntity>();
    public DbSet<IngestedBatchEntity> IngestedBatches => Set<IngestedBatchEntity>();
    public DbSet<MetricDirectionEntity> MetricDirections => Set<MetricDirectionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FinSightDbContext).Assembly);
}
