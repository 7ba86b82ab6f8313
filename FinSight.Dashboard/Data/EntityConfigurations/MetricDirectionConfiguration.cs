using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class MetricDirectionConfiguration : IEntityTypeConfiguration<MetricDirectionEntity>
{
    public void Configure(EntityTypeBuilder<MetricDirectionEntity> builder)
    {
        builder.ToTable("metric_directions");
        builder.HasKey(d => new { d.ExperimentId, d.Key });
        builder.Property(d => d.Key).HasMaxLength(1000);
        builder.Property(d => d.Direction).HasMaxLength(8).IsRequired();
        builder.HasOne<ExperimentEntity>().WithMany().HasForeignKey(d => d.ExperimentId);
    }
}
