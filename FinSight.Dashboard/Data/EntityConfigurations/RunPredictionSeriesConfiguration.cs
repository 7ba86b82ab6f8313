using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class RunPredictionSeriesConfiguration : IEntityTypeConfiguration<RunPredictionSeriesEntity>
{
    public void Configure(EntityTypeBuilder<RunPredictionSeriesEntity> builder)
    {
        builder.ToTable("run_prediction_series");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.BatchId).HasMaxLength(256);
        builder.HasIndex(s => new { s.RunId, s.BatchId }).IsUnique();
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(s => s.RunId);
    }
}
