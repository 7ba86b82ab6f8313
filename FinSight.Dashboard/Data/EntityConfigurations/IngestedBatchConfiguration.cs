using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class IngestedBatchConfiguration : IEntityTypeConfiguration<IngestedBatchEntity>
{
    public void Configure(EntityTypeBuilder<IngestedBatchEntity> builder)
    {
        builder.ToTable("ingested_batches");
        builder.HasKey(b => new { b.RunId, b.BatchId });
        builder.Property(b => b.BatchId).HasMaxLength(256);
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(b => b.RunId);
    }
}
