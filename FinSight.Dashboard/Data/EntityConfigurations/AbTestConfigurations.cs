using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class AbTestConfiguration : IEntityTypeConfiguration<AbTestEntity>
{
    public void Configure(EntityTypeBuilder<AbTestEntity> builder)
    {
        builder.ToTable("ab_tests");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(250).IsRequired();
        builder.Property(t => t.Status).HasMaxLength(16).IsRequired();
        builder.Property(t => t.Control).HasMaxLength(100).IsRequired();
        builder.Property(t => t.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(t => t.FinishedBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.ExperimentId, t.Name }).IsUnique();
        builder.HasIndex(t => t.Status);
        builder.HasOne<ExperimentEntity>().WithMany().HasForeignKey(t => t.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Variants).WithOne().HasForeignKey(v => v.TestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Metrics).WithOne().HasForeignKey(m => m.TestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.SplitChanges).WithOne().HasForeignKey(c => c.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AbVariantConfiguration : IEntityTypeConfiguration<AbVariantEntity>
{
    public void Configure(EntityTypeBuilder<AbVariantEntity> builder)
    {
        builder.ToTable("ab_variants");
        builder.HasKey(v => new { v.TestId, v.Position });
        builder.Property(v => v.Name).HasMaxLength(100).IsRequired();
        builder.Property(v => v.ModelRef).HasMaxLength(250);
        // Issue 7's registry looks tests up by the model a variant serves.
        builder.HasIndex(v => v.ModelRef);
    }
}

public sealed class AbMetricConfiguration : IEntityTypeConfiguration<AbMetricEntity>
{
    public void Configure(EntityTypeBuilder<AbMetricEntity> builder)
    {
        builder.ToTable("ab_metrics");
        builder.HasKey(m => new { m.TestId, m.Position });
        builder.Property(m => m.Key).HasMaxLength(250).IsRequired();
        builder.Property(m => m.Kind).HasMaxLength(16).IsRequired();
        builder.Property(m => m.Direction).HasMaxLength(8).IsRequired();
    }
}

public sealed class AbSplitChangeConfiguration : IEntityTypeConfiguration<AbSplitChangeEntity>
{
    public void Configure(EntityTypeBuilder<AbSplitChangeEntity> builder)
    {
        builder.ToTable("ab_split_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ChangedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(c => c.TestId);
    }
}

public sealed class AbObservationBatchConfiguration : IEntityTypeConfiguration<AbObservationBatchEntity>
{
    public void Configure(EntityTypeBuilder<AbObservationBatchEntity> builder)
    {
        builder.ToTable("ab_observation_batches");
        builder.HasKey(b => new { b.TestId, b.BatchId });
        builder.Property(b => b.BatchId).HasMaxLength(256);
        builder.HasOne<AbTestEntity>().WithMany().HasForeignKey(b => b.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AbUnitConfiguration : IEntityTypeConfiguration<AbUnitEntity>
{
    public void Configure(EntityTypeBuilder<AbUnitEntity> builder)
    {
        builder.ToTable("ab_units");
        builder.HasKey(u => new { u.TestId, u.UnitId });
        builder.Property(u => u.UnitId).HasMaxLength(256);
        builder.HasOne<AbTestEntity>().WithMany().HasForeignKey(u => u.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AbMetricTotalsConfiguration : IEntityTypeConfiguration<AbMetricTotalsEntity>
{
    public void Configure(EntityTypeBuilder<AbMetricTotalsEntity> builder)
    {
        builder.ToTable("ab_metric_totals");
        builder.HasKey(t => new { t.TestId, t.Variant, t.Metric });
        builder.HasOne<AbTestEntity>().WithMany().HasForeignKey(t => t.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AbDailyTotalsConfiguration : IEntityTypeConfiguration<AbDailyTotalsEntity>
{
    public void Configure(EntityTypeBuilder<AbDailyTotalsEntity> builder)
    {
        builder.ToTable("ab_daily_totals");
        builder.HasKey(t => new { t.TestId, t.Day, t.Variant, t.Metric });
        builder.HasOne<AbTestEntity>().WithMany().HasForeignKey(t => t.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AbDailyUnitsConfiguration : IEntityTypeConfiguration<AbDailyUnitsEntity>
{
    public void Configure(EntityTypeBuilder<AbDailyUnitsEntity> builder)
    {
        builder.ToTable("ab_daily_units");
        builder.HasKey(u => new { u.TestId, u.Day, u.Variant });
        builder.HasOne<AbTestEntity>().WithMany().HasForeignKey(u => u.TestId).OnDelete(DeleteBehavior.Cascade);
    }
}
