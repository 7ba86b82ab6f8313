using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class MetricSeriesConfiguration : IEntityTypeConfiguration<MetricSeriesEntity>
{
    public void Configure(EntityTypeBuilder<MetricSeriesEntity> builder)
    {
        builder.ToTable("metric_series");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.RunId, s.Key }).IsUnique();
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(s => s.RunId);
    }
}
