using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Ingestion;
using static FinSight.Dashboard.Ingestion.SqliteCommandBinding;

namespace FinSight.Dashboard.Registry;

/// <summary>
/// The model registry's writes, run by the single writer inside its group transaction. Like every command there,
/// each checks what it needs against stored data first and throws a <see cref="TrackingException"/> before its first write.
/// </summary>
public static class RegistryWrite
{
    public static void CreateModel(this TrackingWriteSession session, string name, string? description,
        IReadOnlyList<KeyValuePair<string, string>> tags, string? owner)
    {
        var sql = session.Registry;
        if (Exists(sql, name)) throw TrackingException.Conflict($"Registered model (name={name}) already exists.");
        sql.InsertModel.Bind(name, description, session.CurrentTime, owner).ExecuteNonQuery();
        foreach (var (key, value) in tags) sql.UpsertModelTag.Bind(name, key, value).ExecuteNonQuery();
    }

    public static void UpdateModelDescription(this TrackingWriteSession session, string name, string? description)
    {
        RequireModel(session.Registry, name);
        session.Registry.UpdateModelDescription.Bind(description, session.CurrentTime, name).ExecuteNonQuery();
    }

    /// <summary>Removes the model with its versions, tags and aliases.</summary>
    public static void DeleteModel(this TrackingWriteSession session, string name)
    {
        RequireModel(session.Registry, name);
        session.Registry.DeleteModel.Bind(name).ExecuteNonQuery();
    }

    public static void SetModelTag(this TrackingWriteSession session, string name, string key, string value)
    {
        RequireModel(session.Registry, name);
        session.Registry.UpsertModelTag.Bind(name, key, value).ExecuteNonQuery();
        session.Registry.TouchModel.Bind(session.CurrentTime, name).ExecuteNonQuery();
    }

    public static void DeleteModelTag(this TrackingWriteSession session, string name, string key)
    {
        DeleteFromModel(session, name, session.Registry.DeleteModelTag.Bind(name, key), $"Registered model '{name}' has no tag '{key}'.");
    }

    /// <summary>
    /// Adds the next version of a model (the highest number it ever had, plus one). Numbers are handed out here, by the one
    /// writer, so two registrations at the same moment can never get the same number.
    /// </summary>
    public static int CreateVersion(this TrackingWriteSession session, string name, string source, string runId, string? description,
        string? runLink, IReadOnlyList<KeyValuePair<string, string>> tags, string? owner)
    {
        var sql = session.Registry;
        RequireModel(sql, name);
        switch (sql.RunLifecycle.Bind(runId).ExecuteScalar())
        {
            case null or DBNull: throw TrackingException.NotFound($"Run '{runId}' does not exist.");
            case string stage when stage != "active": throw TrackingException.Conflict($"Run '{runId}' is deleted; restore it before registering its model.");
        }
        var version = Convert.ToInt32(sql.NextVersion.Bind(name).ExecuteScalar());
        var now = session.CurrentTime;
        sql.InsertVersion.Bind(name, version, source, runId, description, runLink, now, owner).ExecuteNonQuery();
        foreach (var (key, value) in tags) sql.UpsertVersionTag.Bind(name, version, key, value).ExecuteNonQuery();
        sql.TouchModel.Bind(now, name).ExecuteNonQuery();
        return version;
    }

    public static void UpdateVersionDescription(this TrackingWriteSession session, string name, int version, string? description)
    {
        RequireVersion(session.Registry, name, version);
        session.Registry.UpdateVersionDescription.Bind(description, session.CurrentTime, name, version).ExecuteNonQuery();
    }

    /// <summary>Moves a version to <paramref name="stage"/>; with <paramref name="archiveExisting"/>, the others in that stage go to Archived.</summary>
    public static void TransitionStage(this TrackingWriteSession session, string name, int version, string stage, bool archiveExisting)
    {
        var sql = session.Registry;
        RequireVersion(sql, name, version);
        var now = session.CurrentTime;
        // MLflow archives only when moving into Staging or Production: "None" and "Archived" have no single occupant.
        if (archiveExisting && stage is ModelStages.Staging or ModelStages.Production)
            sql.ArchiveOthersInStage.Bind(now, name, stage, version).ExecuteNonQuery();
        sql.SetVersionStage.Bind(stage, now, name, version).ExecuteNonQuery();
        sql.TouchModel.Bind(now, name).ExecuteNonQuery();
    }

    /// <summary>Deletes a version: its aliases and tags go; its row stays under <see cref="ModelStages.DeletedInternal"/> so its number is not reused.</summary>
    public static void DeleteVersion(this TrackingWriteSession session, string name, int version)
    {
        var sql = session.Registry;
        RequireVersion(sql, name, version);
        var now = session.CurrentTime;
        sql.DeleteVersionChildren.Bind(name, version).ExecuteNonQuery();
        sql.SetVersionStage.Bind(ModelStages.DeletedInternal, now, name, version).ExecuteNonQuery();
        sql.TouchModel.Bind(now, name).ExecuteNonQuery();
    }

    public static void SetVersionTag(this TrackingWriteSession session, string name, int version, string key, string value)
    {
        RequireVersion(session.Registry, name, version);
        session.Registry.UpsertVersionTag.Bind(name, version, key, value).ExecuteNonQuery();
    }

    public static void DeleteVersionTag(this TrackingWriteSession session, string name, int version, string key)
    {
        RequireVersion(session.Registry, name, version);
        if (session.Registry.DeleteVersionTag.Bind(name, version, key).ExecuteNonQuery() == 0)
            throw TrackingException.NotFound($"Model version (name={name}, version={version}) has no tag '{key}'.");
    }

    /// <summary>Points <paramref name="alias"/> at <paramref name="version"/>, moving it from wherever it pointed (one statement).</summary>
    public static void SetAlias(this TrackingWriteSession session, string name, string alias, int version)
    {
        RequireVersion(session.Registry, name, version);
        session.Registry.UpsertAlias.Bind(name, alias, version).ExecuteNonQuery();
        session.Registry.TouchModel.Bind(session.CurrentTime, name).ExecuteNonQuery();
    }

    /// <summary>Removes an alias; removing one the model does not have is refused, so a stale page learns of it.</summary>
    public static void DeleteAlias(this TrackingWriteSession session, string name, string alias)
    {
        DeleteFromModel(session, name, session.Registry.DeleteAlias.Bind(name, alias), $"Registered model '{name}' has no alias '{alias}'.");
    }

    /// <summary>Runs a bound delete of something the model holds; nothing deleted means it was not there (refused, nothing changed).</summary>
    private static void DeleteFromModel(TrackingWriteSession session, string name, Microsoft.Data.Sqlite.SqliteCommand delete, string missing)
    {
        RequireModel(session.Registry, name);
        if (delete.ExecuteNonQuery() == 0) throw TrackingException.NotFound(missing);
        session.Registry.TouchModel.Bind(session.CurrentTime, name).ExecuteNonQuery();
    }

    private static bool Exists(RegistryStatements sql, string name) => sql.ModelExists.Bind(name).ExecuteScalar() is not (null or DBNull);

    private static void RequireModel(RegistryStatements sql, string name)
    {
        if (!Exists(sql, name)) throw TrackingException.NotFound($"Registered model with name={name} not found.");
    }

    private static void RequireVersion(RegistryStatements sql, string name, int version)
    {
        RequireModel(sql, name);
        if (sql.VersionStage.Bind(name, version).ExecuteScalar() is null or DBNull or ModelStages.DeletedInternal)
            throw TrackingException.NotFound($"Model Version (name={name}, version={version}) not found.");
    }
}
