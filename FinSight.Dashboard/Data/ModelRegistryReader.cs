using System.Security.Claims;
using FinSight.Core.Registry;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data.Entities;
using FinSight.Dashboard.Registry;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.Data;

/// <summary>
/// Reads the model registry for the pages and the MLflow API. Searches filter and sort in memory after one query per table:
/// a registry holds hundreds to thousands of versions, and this keeps MLflow's whole filter grammar (LIKE, ILIKE, IN, tags)
/// in one tested place (<see cref="RegistryFilter"/>). Deleted versions (kept only to reserve their numbers) never appear.
/// </summary>
public sealed class ModelRegistryReader(IDbContextFactory<FinSightDbContext> contexts, ExperimentAccess access)
{
    private const string Deleted = ModelStages.DeletedInternal;

    public async Task<RegisteredModelView?> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await db.RegisteredModels.FirstOrDefaultAsync(m => m.Name == name, cancellationToken);
        return model is null ? null : (await ModelViewsAsync(db, [model], cancellationToken))[0];
    }

    /// <summary>Registered models matching every clause, in <paramref name="order"/> (by name when empty), one page.</summary>
    public async Task<RegistryPage<RegisteredModelView>> SearchModelsAsync(IReadOnlyList<RegistryFilterClause> filter, IReadOnlyList<RegistryOrderKey> order,
        int offset, int maxResults, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var models = await db.RegisteredModels.ToListAsync(cancellationToken);
        var tags = (await db.RegisteredModelTags.ToListAsync(cancellationToken)).ToLookup(t => t.ModelName);
        var matching = models.Where(m => filter.All(c => c.Matches(c.Field == "name" ? m.Name : TagValue(tags[m.Name], c.Field, t => t.Key, t => t.Value))));
        var sorted = Sort(matching, order, m => m.Name, m => 0, m => m.CreationTime, m => m.LastUpdatedTime).ToList();
        var page = sorted.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < sorted.Count ? offset + page.Count : (int?)null;
        return new RegistryPage<RegisteredModelView>(await ModelViewsAsync(db, page, cancellationToken), next);
    }

    public async Task<ModelVersionView?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelVersions.FirstOrDefaultAsync(v => v.ModelName == name && v.Version == version && v.CurrentStage != Deleted, cancellationToken);
        return row is null ? null : (await VersionViewsAsync(db, [row], cancellationToken))[0];
    }

    /// <summary>Model versions matching every clause; newest update first by default (MLflow's order), one page.</summary>
    public async Task<RegistryPage<ModelVersionView>> SearchVersionsAsync(IReadOnlyList<RegistryFilterClause> filter, IReadOnlyList<RegistryOrderKey> order,
        int offset, int maxResults, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ModelVersions.Where(v => v.CurrentStage != Deleted);
        // The common searches (one model, one run) narrow in the database first.
        if (filter.FirstOrDefault(c => c.Field == "name" && c.Operator == "=") is { } byName) query = query.Where(v => v.ModelName == byName.Values[0]);
        if (filter.FirstOrDefault(c => c.Field == "run_id" && c.Operator == "=") is { } byRun) query = query.Where(v => v.RunId == byRun.Values[0]);
        var rows = await query.ToListAsync(cancellationToken);
        var tags = filter.Any(c => c.Field.StartsWith("tags.", StringComparison.Ordinal))
            ? (await db.ModelVersionTags.ToListAsync(cancellationToken)).ToLookup(t => (t.ModelName, t.Version))
            : Enumerable.Empty<ModelVersionTagEntity>().ToLookup(t => (t.ModelName, t.Version));
        var matching = rows.Where(v => filter.All(c => c.Matches(c.Field switch
        {
            "name" => v.ModelName,
            "run_id" => v.RunId,
            "source_path" => v.Source,
            "version_number" => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => TagValue(tags[(v.ModelName, v.Version)], c.Field, t => t.Key, t => t.Value),
        })));
        IReadOnlyList<RegistryOrderKey> keys = order.Count > 0 ? order
            : [new("last_updated_timestamp", true), new("name", false), new("version_number", true)];
        var sorted = Sort(matching, keys, v => v.ModelName, v => v.Version, v => v.CreationTime, v => v.LastUpdatedTime).ToList();
        var page = sorted.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < sorted.Count ? offset + page.Count : (int?)null;
        return new RegistryPage<ModelVersionView>(await VersionViewsAsync(db, page, cancellationToken), next);
    }

    /// <summary>The newest version in each of <paramref name="stages"/> (every stage when empty), as MLflow's get-latest-versions.</summary>
    public async Task<IReadOnlyList<ModelVersionView>> LatestVersionsAsync(string name, IReadOnlyCollection<string> stages, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ModelVersions.Where(v => v.ModelName == name && v.CurrentStage != Deleted).ToListAsync(cancellationToken);
        var latest = Latest(rows).Where(v => stages.Count == 0 || stages.Contains(v.CurrentStage)).ToList();
        return await VersionViewsAsync(db, latest, cancellationToken);
    }

    /// <summary>
    /// The version a reference picks now: a number, an alias, the newest in a stage, or the newest overall; null when
    /// the model or that version does not exist.
    /// </summary>
    public async Task<ModelVersionView?> ResolveAsync(ModelReference reference, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = db.ModelVersions.Where(v => v.ModelName == reference.Name && v.CurrentStage != Deleted);
        int? number = reference.Kind switch
        {
            ModelReferenceKind.Version => reference.Version,
            ModelReferenceKind.Alias => await db.RegisteredModelAliases.Where(a => a.ModelName == reference.Name && a.Alias == reference.Label)
                .Select(a => (int?)a.Version).FirstOrDefaultAsync(cancellationToken),
            ModelReferenceKind.Stage => await versions.Where(v => v.CurrentStage == reference.Label).MaxAsync(v => (int?)v.Version, cancellationToken),
            _ => await versions.MaxAsync(v => (int?)v.Version, cancellationToken),
        };
        if (number is not { } found) return null;
        var row = await versions.FirstOrDefaultAsync(v => v.Version == found, cancellationToken);
        return row is null ? null : (await VersionViewsAsync(db, [row], cancellationToken))[0];
    }

    /// <summary>The artifact location MLflow clients are given for a run; null when there is no such run.</summary>
    public async Task<string?> RunArtifactUriAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var experimentId = await db.Runs.Where(r => r.RunId == runId).Select(r => (long?)r.ExperimentId).FirstOrDefaultAsync(cancellationToken);
        return experimentId is { } id ? Mlflow.MlflowArtifactUris.Run(id, runId) : null;
    }

    /// <summary>The model page: the model, its versions newest first, and the A/B tests the caller can read that serve each version.</summary>
    public async Task<ModelDetail?> DetailAsync(ClaimsPrincipal caller, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await db.RegisteredModels.FirstOrDefaultAsync(m => m.Name == name, cancellationToken);
        if (model is null) return null;
        var view = (await ModelViewsAsync(db, [model], cancellationToken))[0];
        var rows = await db.ModelVersions.Where(v => v.ModelName == name && v.CurrentStage != Deleted).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        var versions = await VersionViewsAsync(db, rows, cancellationToken);
        var uses = await UsesAsync(db, caller, name, cancellationToken);
        return new ModelDetail(view, versions, uses);
    }

    /// <summary>
    /// A/B test variants serving versions of the model, by version. Tests store a fixed version (an alias is resolved when
    /// the test is created), so an exact match on <c>models:/&lt;name&gt;/&lt;version&gt;</c> finds them all.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, IReadOnlyList<ModelVersionUse>>> UsesAsync(FinSightDbContext db, ClaimsPrincipal caller, string name, CancellationToken cancellationToken)
    {
        var prefix = ModelReference.Prefix + name + "/";
        var scope = await access.ScopeAsync(caller, cancellationToken);
        var rows = await (from v in db.Set<AbVariantEntity>()
                          join t in db.AbTests on v.TestId equals t.Id
                          where v.ModelRef != null && v.ModelRef.StartsWith(prefix)
                          select new { t.Id, t.Name, t.Status, Variant = v.Name, v.ModelRef, t.ExperimentId }).ToListAsync(cancellationToken);
        var uses = new Dictionary<int, IReadOnlyList<ModelVersionUse>>();
        foreach (var row in rows.Where(r => scope.CanSee(r.ExperimentId)))
        {
            if (!ModelReference.TryParse(row.ModelRef, out var reference, out _) || reference.Kind != ModelReferenceKind.Version || reference.Name != name) continue;
            var list = uses.TryGetValue(reference.Version, out var existing) ? (List<ModelVersionUse>)existing : [];
            list.Add(new ModelVersionUse(row.Id, row.Name, row.Status, row.Variant, row.ExperimentId));
            uses[reference.Version] = list;
        }
        return uses;
    }

    private static async Task<IReadOnlyList<RegisteredModelView>> ModelViewsAsync(FinSightDbContext db, IReadOnlyList<RegisteredModelEntity> models, CancellationToken cancellationToken)
    {
        var names = models.Select(m => m.Name).ToList();
        var tags = (await db.RegisteredModelTags.Where(t => names.Contains(t.ModelName)).ToListAsync(cancellationToken)).ToLookup(t => t.ModelName);
        var aliases = (await db.RegisteredModelAliases.Where(a => names.Contains(a.ModelName)).ToListAsync(cancellationToken)).ToLookup(a => a.ModelName);
        var versions = (await db.ModelVersions.Where(v => names.Contains(v.ModelName) && v.CurrentStage != Deleted).ToListAsync(cancellationToken)).ToLookup(v => v.ModelName);
        var latest = await VersionViewsAsync(db, models.SelectMany(m => Latest(versions[m.Name])).ToList(), cancellationToken);
        return models.Select(m => new RegisteredModelView(m.Name, m.Description, m.CreationTime, m.LastUpdatedTime, m.Owner,
            tags[m.Name].OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToList(),
            aliases[m.Name].OrderBy(a => a.Alias, StringComparer.Ordinal).Select(a => new ModelAliasView(a.Alias, a.Version)).ToList(),
            latest.Where(v => v.Name == m.Name).ToList())).ToList();
    }

    private static async Task<IReadOnlyList<ModelVersionView>> VersionViewsAsync(FinSightDbContext db, IReadOnlyList<ModelVersionEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var names = rows.Select(r => r.ModelName).Distinct().ToList();
        var tags = (await db.ModelVersionTags.Where(t => names.Contains(t.ModelName)).ToListAsync(cancellationToken)).ToLookup(t => (t.ModelName, t.Version));
        var aliases = (await db.RegisteredModelAliases.Where(a => names.Contains(a.ModelName)).ToListAsync(cancellationToken)).ToLookup(a => (a.ModelName, a.Version));
        return rows.Select(r => new ModelVersionView(r.ModelName, r.Version, r.CreationTime, r.LastUpdatedTime, r.CurrentStage, r.Description, r.Source, r.RunId,
            r.Status, r.StatusMessage, r.RunLink, r.Owner,
            tags[(r.ModelName, r.Version)].OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToList(),
            aliases[(r.ModelName, r.Version)].Select(a => a.Alias).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>The newest version per stage, in MLflow's stage order.</summary>
    private static IEnumerable<ModelVersionEntity> Latest(IEnumerable<ModelVersionEntity> versions) =>
        versions.GroupBy(v => v.CurrentStage).Select(g => g.MaxBy(v => v.Version)!)
            .OrderBy(v => ModelStages.All.ToList().IndexOf(v.CurrentStage)).ThenBy(v => v.Version);

    private static string? TagValue<T>(IEnumerable<T> tags, string field, Func<T, string> key, Func<T, string> value)
    {
        var wanted = field["tags.".Length..];
        foreach (var tag in tags) if (key(tag) == wanted) return value(tag);
        return null;
    }

    private static IEnumerable<T> Sort<T>(IEnumerable<T> items, IReadOnlyList<RegistryOrderKey> order,
        Func<T, string> name, Func<T, int> version, Func<T, long> created, Func<T, long> updated)
    {
        IReadOnlyList<RegistryOrderKey> keys = order.Count > 0 ? order : [new("name", false)];
        IOrderedEnumerable<T>? sorted = null;
        foreach (var key in keys)
        {
            sorted = key.Field switch
            {
                "name" => Then(sorted, items, name, key.Descending, StringComparer.Ordinal),
                "version_number" => Then(sorted, items, version, key.Descending, Comparer<int>.Default),
                "creation_timestamp" => Then(sorted, items, created, key.Descending, Comparer<long>.Default),
                _ => Then(sorted, items, updated, key.Descending, Comparer<long>.Default),
            };
        }
        // Ties broken by name, then version, so pages never overlap or skip.
        return Then(Then(sorted, items, name, false, StringComparer.Ordinal), items, version, true, Comparer<int>.Default);
    }

    private static IOrderedEnumerable<T> Then<T, TKey>(IOrderedEnumerable<T>? sorted, IEnumerable<T> items, Func<T, TKey> key, bool descending, IComparer<TKey> comparer) =>
        sorted is null
            ? descending ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer)
            : descending ? sorted.ThenByDescending(key, comparer) : sorted.ThenBy(key, comparer);
}
