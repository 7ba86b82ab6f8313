using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class RunConfiguration : IEntityTypeConfiguration<RunEntity>
{
    public void Configure(EntityTypeBuilder<RunEntity> builder)
    {
        builder.ToTable("runs");
        builder.HasKey(r => r.RunId);
        builder.Property(r => r.RunId).HasMaxLength(32);
        builder.Property(r => r.Name).HasMaxLength(250);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.LifecycleStage).HasMaxLength(16);
        builder.HasOne(r => r.Experiment).WithMany(e => e.Runs).HasForeignKey(r => r.ExperimentId);
        builder.HasIndex(r => new { r.ExperimentId, r.StartTime });
    }
}
