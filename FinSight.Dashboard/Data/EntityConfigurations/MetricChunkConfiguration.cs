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
        // Covering index: a zoomed-out history read lists a series' chunk summaries from the index alone. The
        // extreme-point columns were added after Data, and reading them from the table would walk every blob's
        // overflow pages, which costs as much as reading the blob.
        builder.HasIndex(c => new
            {
                c.SeriesId, c.Id, c.MinStep, c.MaxStep, c.PointCount, c.MinValue, c.MaxValue,
                c.MinPointStep, c.MinPointTimestamp, c.MaxPointStep, c.MaxPointTimestamp,
            })
            .HasDatabaseName("IX_metric_chunks_SeriesId_Summary");
        builder.HasOne<MetricSeriesEntity>().WithMany().HasForeignKey(c => c.SeriesId);
    }
}
