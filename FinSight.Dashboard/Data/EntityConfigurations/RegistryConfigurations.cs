using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinSight.Dashboard.Data.EntityConfigurations;

public sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModelEntity>
{
    public void Configure(EntityTypeBuilder<RegisteredModelEntity> builder)
    {
        builder.ToTable("registered_models");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasMaxLength(256);
    }
}

public sealed class RegisteredModelTagConfiguration : IEntityTypeConfiguration<RegisteredModelTagEntity>
{
    public void Configure(EntityTypeBuilder<RegisteredModelTagEntity> builder)
    {
        builder.ToTable("registered_model_tags");
        builder.HasKey(t => new { t.ModelName, t.Key });
        builder.HasOne<RegisteredModelEntity>().WithMany().HasForeignKey(t => t.ModelName).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersionEntity>
{
    public void Configure(EntityTypeBuilder<ModelVersionEntity> builder)
    {
        builder.ToTable("model_versions");
        builder.HasKey(v => new { v.ModelName, v.Version });
        builder.Property(v => v.Status).HasMaxLength(32);
        builder.Property(v => v.CurrentStage).HasMaxLength(32);
        builder.HasIndex(v => v.RunId);
        builder.HasOne<RegisteredModelEntity>().WithMany().HasForeignKey(v => v.ModelName).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ModelVersionTagConfiguration : IEntityTypeConfiguration<ModelVersionTagEntity>
{
    public void Configure(EntityTypeBuilder<ModelVersionTagEntity> builder)
    {
        builder.ToTable("model_version_tags");
        builder.HasKey(t => new { t.ModelName, t.Version, t.Key });
        builder.HasOne<ModelVersionEntity>().WithMany().HasForeignKey(t => new { t.ModelName, t.Version }).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RegisteredModelAliasConfiguration : IEntityTypeConfiguration<RegisteredModelAliasEntity>
{
    public void Configure(EntityTypeBuilder<RegisteredModelAliasEntity> builder)
    {
        builder.ToTable("registered_model_aliases");
        builder.HasKey(a => new { a.ModelName, a.Alias });
        builder.Property(a => a.Alias).HasMaxLength(256);
        builder.HasOne<ModelVersionEntity>().WithMany().HasForeignKey(a => new { a.ModelName, a.Version }).OnDelete(DeleteBehavior.Cascade);
    }
}
