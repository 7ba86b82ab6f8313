using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class ExperimentTagConfiguration : IEntityTypeConfiguration<ExperimentTagEntity>
{
    public void Configure(EntityTypeBuilder<ExperimentTagEntity> builder)
    {
        builder.ToTable("experiment_tags");
        builder.HasKey(t => new { t.ExperimentId, t.Key });
        builder.HasOne<ExperimentEntity>().WithMany().HasForeignKey(t => t.ExperimentId);
    }
}
