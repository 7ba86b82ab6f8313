using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class ExperimentConfiguration : IEntityTypeConfiguration<ExperimentEntity>
{
    public void Configure(EntityTypeBuilder<ExperimentEntity> builder)
    {
        builder.ToTable("experiments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(250).IsRequired();
        builder.HasIndex(e => e.Name).IsUnique();
        builder.Property(e => e.LifecycleStage).HasMaxLength(16);
    }
}
