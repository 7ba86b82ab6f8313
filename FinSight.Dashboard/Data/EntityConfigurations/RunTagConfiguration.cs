using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class RunTagConfiguration : IEntityTypeConfiguration<RunTagEntity>
{
    public void Configure(EntityTypeBuilder<RunTagEntity> builder)
    {
        builder.ToTable("tags");
        builder.HasKey(t => new { t.RunId, t.Key });
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(t => t.RunId);
    }
}
