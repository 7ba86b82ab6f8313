using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class MetricChunkConfiguration : IEntityTypeConfiguration<MetricChunkEntity>
{
    public void Configure(EntityTypeBuilder<MetricChunkEntity> builder)
    {
        builder.ToTable("metric_chunks");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.SeriesId, c.Id });
        builder.HasOne<MetricSeriesEntity>().WithMany().HasForeignKey(c => c.SeriesId);
    }
}
