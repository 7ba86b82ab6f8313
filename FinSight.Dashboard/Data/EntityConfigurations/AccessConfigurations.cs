using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeyEntity>
{
    public void Configure(EntityTypeBuilder<ApiKeyEntity> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(32);
        builder.Property(k => k.Name).HasMaxLength(250).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(k => k.SecretHash).IsUnique();
        builder.HasIndex(k => k.UserId);
        builder.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ExperimentPermissionConfiguration : IEntityTypeConfiguration<ExperimentPermissionEntity>
{
    public void Configure(EntityTypeBuilder<ExperimentPermissionEntity> builder)
    {
        builder.ToTable("experiment_permissions");
        builder.HasKey(p => new { p.ExperimentId, p.UserId });
        builder.HasIndex(p => p.UserId);
        builder.Property(p => p.Level).HasMaxLength(16).IsRequired();
        builder.HasOne<ExperimentEntity>().WithMany().HasForeignKey(p => p.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEventEntity>
{
    public void Configure(EntityTypeBuilder<AuditEventEntity> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Target).HasMaxLength(256);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.HasIndex(a => a.Time);
    }
}
