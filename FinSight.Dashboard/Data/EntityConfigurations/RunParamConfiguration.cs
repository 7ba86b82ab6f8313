using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class RunParamConfiguration : IEntityTypeConfiguration<RunParamEntity>
{
    public void Configure(EntityTypeBuilder<RunParamEntity> builder)
    {
        builder.ToTable("params");
        builder.HasKey(p => new { p.RunId, p.Key });
        builder.HasOne<RunEntity>().WithMany().HasForeignKey(p => p.RunId);
    }
}
