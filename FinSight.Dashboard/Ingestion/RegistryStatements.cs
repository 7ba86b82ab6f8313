using Microsoft.Data.Sqlite;

namespace FinSight.Dashboard.Ingestion;

/// <summary>The writer's prepared statements for the model registry, on the writer's own connection.</summary>
public sealed class RegistryStatements : PreparedStatementSet
{
    public RegistryStatements(SqliteConnection connection) : base(connection)
    {
        ModelExists = Make("SELECT 1 FROM registered_models WHERE Name = $name", "$name");
        InsertModel = Make(
            "INSERT INTO registered_models (Name, Description, CreationTime, LastUpdatedTime, Owner) VALUES ($name, $description, $now, $now, $owner)",
            "$name", "$description", "$now", "$owner");
        UpdateModelDescription = Make("UPDATE registered_models SET Description = $description, LastUpdatedTime = $now WHERE Name = $name", "$description", "$now", "$name");
        TouchModel = Make("UPDATE registered_models SET LastUpdatedTime = $now WHERE Name = $name", "$now", "$name");
        // Children first: the writer's connection does not rely on foreign-key cascades being switched on.
        DeleteModel = Make(
            "DELETE FROM registered_model_aliases WHERE ModelName = $name; DELETE FROM model_version_tags WHERE ModelName = $name; " +
            "DELETE FROM model_versions WHERE ModelName = $name; DELETE FROM registered_model_tags WHERE ModelName = $name; " +
            "DELETE FROM registered_models WHERE Name = $name", "$name");
        UpsertModelTag = Make(
            "INSERT INTO registered_model_tags (ModelName, Key, Value) VALUES ($name, $key, $value) ON CONFLICT (ModelName, Key) DO UPDATE SET Value = excluded.Value",
            "$name", "$key", "$value");
        DeleteModelTag = Make("DELETE FROM registered_model_tags WHERE ModelName = $name AND Key = $key", "$name", "$key");

        // Deleted versions keep their row (stage Deleted_Internal), so the maximum never goes down and a number is never reused.
        NextVersion = Make("SELECT COALESCE(MAX(Version), 0) + 1 FROM model_versions WHERE ModelName = $name", "$name");
        VersionStage = Make("SELECT CurrentStage FROM model_versions WHERE ModelName = $name AND Version = $version", "$name", "$version");
        InsertVersion = Make(
            "INSERT INTO model_versions (ModelName, Version, Source, RunId, Status, StatusMessage, CurrentStage, Description, RunLink, CreationTime, LastUpdatedTime, Owner) " +
            "VALUES ($name, $version, $source, $runId, 'READY', NULL, 'None', $description, $runLink, $now, $now, $owner)",
            "$name", "$version", "$source", "$runId", "$description", "$runLink", "$now", "$owner");
        UpdateVersionDescription = Make(
            "UPDATE model_versions SET Description = $description, LastUpdatedTime = $now WHERE ModelName = $name AND Version = $version",
            "$description", "$now", "$name", "$version");
        SetVersionStage = Make(
            "UPDATE model_versions SET CurrentStage = $stage, LastUpdatedTime = $now WHERE ModelName = $name AND Version = $version",
            "$stage", "$now", "$name", "$version");
        ArchiveOthersInStage = Make(
            "UPDATE model_versions SET CurrentStage = 'Archived', LastUpdatedTime = $now WHERE ModelName = $name AND CurrentStage = $stage AND Version <> $version",
            "$now", "$name", "$stage", "$version");
        DeleteVersionChildren = Make(
            "DELETE FROM registered_model_aliases WHERE ModelName = $name AND Version = $version; DELETE FROM model_version_tags WHERE ModelName = $name AND Version = $version",
            "$name", "$version");
        UpsertVersionTag = Make(
            "INSERT INTO model_version_tags (ModelName, Version, Key, Value) VALUES ($name, $version, $key, $value) " +
            "ON CONFLICT (ModelName, Version, Key) DO UPDATE SET Value = excluded.Value",
            "$name", "$version", "$key", "$value");
        DeleteVersionTag = Make("DELETE FROM model_version_tags WHERE ModelName = $name AND Version = $version AND Key = $key", "$name", "$version", "$key");

        // One statement moves an alias: it points at the new version or at none, never at two.
        UpsertAlias = Make(
            "INSERT INTO registered_model_aliases (ModelName, Alias, Version) VALUES ($name, $alias, $version) " +
            "ON CONFLICT (ModelName, Alias) DO UPDATE SET Version = excluded.Version",
            "$name", "$alias", "$version");
        DeleteAlias = Make("DELETE FROM registered_model_aliases WHERE ModelName = $name AND Alias = $alias", "$name", "$alias");
        RunLifecycle = Make("SELECT LifecycleStage FROM runs WHERE RunId = $runId", "$runId");
    }

    public SqliteCommand ModelExists { get; }
    public SqliteCommand InsertModel { get; }
    public SqliteCommand UpdateModelDescription { get; }
    public SqliteCommand TouchModel { get; }
    public SqliteCommand DeleteModel { get; }
    public SqliteCommand UpsertModelTag { get; }
    public SqliteCommand DeleteModelTag { get; }
    public SqliteCommand NextVersion { get; }
    public SqliteCommand VersionStage { get; }
    public SqliteCommand InsertVersion { get; }
    public SqliteCommand UpdateVersionDescription { get; }
    public SqliteCommand SetVersionStage { get; }
    public SqliteCommand ArchiveOthersInStage { get; }
    public SqliteCommand DeleteVersionChildren { get; }
    public SqliteCommand UpsertVersionTag { get; }
    public SqliteCommand DeleteVersionTag { get; }
    public SqliteCommand UpsertAlias { get; }
    public SqliteCommand DeleteAlias { get; }
    public SqliteCommand RunLifecycle { get; }
}
