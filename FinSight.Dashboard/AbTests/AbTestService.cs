using System.Security.Claims;
using FinSight.Core.AbTesting;
using FinSight.Core.Access;
using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Registry;
using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using FinSight.Dashboard.Ingestion;
using FinSight.Dashboard.Live;
using Microsoft.EntityFrameworkCore;

namespace FinSight.Dashboard.AbTests;

/// <summary>
/// Every change to an A/B test, whatever the entry point (HTTP, hub, pages): define, start, stop, end,
/// re-split, assign units and record observations. Like <see cref="IngestionService"/>, each method takes
/// the caller and checks the experiment's permission itself (READ to assign, EDIT for everything else).
/// Observations take the one ingestion path: validated here, committed by the single writer, acknowledged after.
/// </summary>
public sealed class AbTestService(
    IDbContextFactory<FinSightDbContext> contexts,
    AbTestCatalog catalog,
    AbTestDesignValidator validator,
    ExperimentAccess access,
    IngestionQueue queue,
    LiveMetricsStore live,
    AuditLog audit,
    ModelRegistryReader models,
    TimeProvider time)
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Defines a test as a draft. Needs EDIT on its experiment; the caller becomes its creator.</summary>
    public async Task<AbTestRecord> CreateAsync(ClaimsPrincipal caller, CreateAbTestRequest? request, CancellationToken cancellationToken = default)
    {
        var valid = validator.Create(request, Now);
        await access.RequireAsync(caller, valid.ExperimentId, PermissionLevel.Edit, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == valid.ExperimentId, cancellationToken)
            ?? throw TrackingException.NotFound($"Experiment {valid.ExperimentId} does not exist.");
        if (experiment.LifecycleStage != LifecycleStages.Active)
            throw TrackingException.Conflict($"Experiment '{experiment.Name}' is deleted; restore it before adding A/B tests to it.");
        valid = valid with { Design = valid.Design with { Variants = await CheckModelRefsAsync(caller, valid.Design.Variants, cancellationToken) } };
        if (await db.AbTests.AnyAsync(t => t.ExperimentId == valid.ExperimentId && t.Name == valid.Name, cancellationToken))
            throw TrackingException.Conflict($"Experiment '{experiment.Name}' already has an A/B test named '{valid.Name}'.");

        var design = valid.Design;
        var test = new AbTestEntity
        {
            ExperimentId = valid.ExperimentId, Name = valid.Name, Hypothesis = valid.Hypothesis,
            Status = AbTestStatus.Draft.ToWire(), Control = design.Control, Alpha = design.Alpha, Power = design.Power,
            MinSampleSize = design.MinSampleSize, MinDetectableEffect = design.MinDetectableEffect,
            PlannedSampleSize = design.PlannedSampleSize, EndsAt = valid.EndsAt, CreatedBy = caller.Email(), CreatedAt = Now,
            Variants = design.Variants.Select((v, i) => new AbVariantEntity { Position = i, Name = v.Name, Weight = v.Weight, ModelRef = v.ModelRef }).ToList(),
            Metrics = design.Metrics.Select((m, i) => new AbMetricEntity
            {
                Position = i, Key = m.Key, Kind = m.KindName, Direction = m.Direction.ToWire(), Guardrail = m.Guardrail,
                Baseline = m.Baseline, BaselineStdDev = m.BaselineStdDev,
            }).ToList(),
        };
        db.AbTests.Add(test);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two creators raced for the name (the unique index decided).
            throw TrackingException.Conflict($"Experiment '{experiment.Name}' already has an A/B test named '{valid.Name}'.");
        }
        await audit.RecordAsync(caller, AuditActions.AbTestCreated, $"A/B test {test.Id}", $"'{test.Name}' in experiment {test.ExperimentId}", cancellationToken);
        live.NotifyAbTestChanged(test.Id);
        return AbTestCatalog.ToRecord(test, experiment.Name);
    }

    /// <summary>draft → running. Needs EDIT.</summary>
    public async Task<AbTestRecord> StartAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default)
    {
        var test = await RequireAsync(caller, testId, PermissionLevel.Edit, cancellationToken);
        var now = Now;
        if (test.EndsAt is { } end && end <= now)
            throw TrackingException.Conflict($"A/B test {test.Id}'s end date ({DateTimeOffset.FromUnixTimeMilliseconds(end):u}) has passed; it cannot start.");
        return await MoveAsync(caller, test, AbTestStatus.Draft, AbTestStatus.Running, AuditActions.AbTestStarted, cancellationToken);
    }

    /// <summary>running → stopped: halted early by hand. Needs EDIT.</summary>
    public async Task<AbTestRecord> StopAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default)
    {
        var test = await RequireAsync(caller, testId, PermissionLevel.Edit, cancellationToken);
        return await MoveAsync(caller, test, AbTestStatus.Running, AbTestStatus.Stopped, AuditActions.AbTestStopped, cancellationToken);
    }

    /// <summary>running → ended: concluded by hand before its end date. Needs EDIT.</summary>
    public async Task<AbTestRecord> EndAsync(ClaimsPrincipal caller, string? testId, CancellationToken cancellationToken = default)
    {
        var test = await RequireAsync(caller, testId, PermissionLevel.Edit, cancellationToken);
        return await MoveAsync(caller, test, AbTestStatus.Running, AbTestStatus.Ended, AuditActions.AbTestEnded, cancellationToken);
    }

    /// <summary>Ends every running test whose end date has passed; called by <see cref="AbTestScheduler"/>. Returns how many ended.</summary>
    public async Task<int> EndDueTestsAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = AbTestStatus.Running.ToWire();
        var due = await db.AbTests.Where(t => t.Status == running && t.EndsAt != null && t.EndsAt <= now).Select(t => t.Id).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var id in due)
        {
            var changed = await db.AbTests.Where(t => t.Id == id && t.Status == running)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, AbTestStatus.Ended.ToWire())
                    .SetProperty(t => t.FinishedAt, t => t.EndsAt).SetProperty(t => t.FinishedBy, "schedule"), cancellationToken);
            if (changed == 0) continue;
            ended++;
            catalog.Forget(id);
            live.NotifyAbTestChanged(id);
            await audit.RecordAsync(null, "schedule", AuditActions.AbTestEnded, $"A/B test {id}", "its end date came", cancellationToken);
        }
        return ended;
    }

    /// <summary>New weights for a draft or running test, recorded with time and who. Needs EDIT.</summary>
    public async Task<AbTestRecord> ChangeSplitAsync(ClaimsPrincipal caller, string? testId, ChangeSplitRequest? request, CancellationToken cancellationToken = default)
    {
        var test = await RequireAsync(caller, testId, PermissionLevel.Edit, cancellationToken);
        var variants = validator.Split(test.Design, request);
        if (test.StatusAt(Now).IsFinal())
            throw TrackingException.Conflict($"A/B test {test.Id} is {test.StatusAt(Now).ToWire()}; its split can no longer change.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.AbTests.AsTracking().Include(t => t.Variants).FirstAsync(t => t.Id == test.Id, cancellationToken);
        if (AbTestStatuses.Parse(stored.Status).IsFinal())
            throw TrackingException.Conflict($"A/B test {test.Id} is {stored.Status}; its split can no longer change.");
        var ordered = stored.Variants.OrderBy(v => v.Position).ToList();
        var old = AbTestCatalog.FormatWeights(ordered.Select(v => v.Weight));
        for (var i = 0; i < ordered.Count; i++) ordered[i].Weight = variants[i].Weight;
        var changed = AbTestCatalog.FormatWeights(variants.Select(v => v.Weight));
        db.AbSplitChanges.Add(new AbSplitChangeEntity { TestId = test.Id, Time = Now, ChangedBy = caller.Email(), OldWeights = old, NewWeights = changed });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        catalog.Forget(test.Id);
        live.NotifyAbTestChanged(test.Id);
        var detail = string.Join(", ", variants.Select(v => $"{v.Name} {v.Weight:0.####}"));
        await audit.RecordAsync(caller, AuditActions.AbTestSplitChanged, $"A/B test {test.Id}", detail, cancellationToken);
        return test with { Design = test.Design with { Variants = variants } };
    }

    /// <summary>The variant of each unit: a hash of test and unit, never a random draw, so the same unit always gets the same answer. Needs READ.</summary>
    public async Task<AssignResult> AssignAsync(ClaimsPrincipal caller, string? testId, IReadOnlyList<string?>? unitIds, CancellationToken cancellationToken = default)
    {
        var units = validator.UnitIds(unitIds);
        var test = await RequireAsync(caller, testId, PermissionLevel.Read, cancellationToken, cached: true);
        var variants = test.Design.Variants;
        var assignments = new List<Assignment>(units.Count);
        foreach (var unit in units)
            assignments.Add(new Assignment { UnitId = unit, Variant = VariantAssigner.Assign(test.Id, unit, variants).Name });
        return new AssignResult { Assignments = assignments };
    }

    /// <summary>Records observations; durable when this returns, and a batch id seen before is acknowledged without writing twice. Needs EDIT.</summary>
    public async Task<BatchAck> LogObservationsAsync(ClaimsPrincipal caller, string? testId, ObservationBatch? batch, CancellationToken cancellationToken = default)
    {
        if (batch is null) throw TrackingException.Invalid("The batch is required: { batchId, observations: [{ unitId, variant, metric, value }] }.");
        var test = await RequireAsync(caller, testId, PermissionLevel.Edit, cancellationToken, cached: true);
        // Variants and metrics never change after creation, so the cached definition is safe to validate against;
        // the status is checked again by the writer, in the transaction.
        var (batchId, observations) = validator.Observations(test.Design, batch.BatchId, batch.Observations);
        var variants = test.Design.Variants;
        return await queue.SubmitAsync(new IngestionCommand<BatchAck>(observations.Length,
            s => s.LogObservations(test.Id, batchId, observations, variants)), cancellationToken);
    }

    /// <summary>The test, after checking the caller has <paramref name="needed"/> on its experiment.</summary>
    private async Task<AbTestRecord> RequireAsync(ClaimsPrincipal caller, string? testId, PermissionLevel needed, CancellationToken cancellationToken, bool cached = false)
    {
        var id = AbTestDesignValidator.TestId(testId);
        var test = cached ? await catalog.GetAsync(id, cancellationToken) : await catalog.LoadAsync(id, cancellationToken);
        await access.RequireAsync(caller, test.ExperimentId, needed, cancellationToken);
        return test;
    }

    private async Task<AbTestRecord> MoveAsync(ClaimsPrincipal caller, AbTestRecord test, AbTestStatus from, AbTestStatus to, string auditAction, CancellationToken cancellationToken)
    {
        var now = Now;
        var fromName = from.ToWire();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AbTests.Where(t => t.Id == test.Id && t.Status == fromName);
        var email = caller.Email();
        // A conditional update: of two people pressing Stop, one wins and the other is told what happened.
        var changed = to == AbTestStatus.Running
            ? await query.ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, to.ToWire()).SetProperty(t => t.StartedAt, now), cancellationToken)
            : await query.ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, to.ToWire()).SetProperty(t => t.FinishedAt, now)
                .SetProperty(t => t.FinishedBy, email), cancellationToken);
        if (changed == 0)
        {
            var current = (await catalog.LoadAsync(test.Id, cancellationToken)).StatusAt(now);
            throw TrackingException.Conflict(current == to
                ? $"A/B test {test.Id} is already {to.ToWire()}."
                : $"A/B test {test.Id} is {current.ToWire()}; only a {fromName} test can become {to.ToWire()}.");
        }
        catalog.Forget(test.Id);
        live.NotifyAbTestChanged(test.Id);
        await audit.RecordAsync(caller, auditAction, $"A/B test {test.Id}", $"'{test.Name}'", cancellationToken);
        return await catalog.LoadAsync(test.Id, cancellationToken);
    }

    /// <summary>
    /// A variant's model is a run the caller can read, or a registered model version that exists. An alias is resolved
    /// here to the version it points to now, and that version is stored: the test's record says which model was served,
    /// even after the alias moves on.
    /// </summary>
    private async Task<IReadOnlyList<AbVariant>> CheckModelRefsAsync(ClaimsPrincipal caller, IReadOnlyList<AbVariant> variants, CancellationToken cancellationToken)
    {
        var resolved = new List<AbVariant>(variants.Count);
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            if (variant.ModelRef is not { } modelRef) { resolved.Add(variant); continue; }
            if (ModelReference.TryParse(modelRef, out var reference, out _))
            {
                var version = await models.ResolveAsync(reference, cancellationToken)
                    ?? throw TrackingException.Invalid($"variants[{i}].modelRef: {await MissingAsync(reference, cancellationToken)}");
                resolved.Add(variant with { ModelRef = ModelReference.VersionUri(version.Name, version.Version) });
                continue;
            }
            if (!await access.CanReadRunAsync(caller, modelRef, cancellationToken))
                throw TrackingException.Invalid($"variants[{i}].modelRef: run '{modelRef}' does not exist or you cannot read it.");
            resolved.Add(variant);
        }
        return resolved;
    }

    private async Task<string> MissingAsync(ModelReference reference, CancellationToken cancellationToken) =>
        await models.GetModelAsync(reference.Name, cancellationToken) is null
            ? $"registered model '{reference.Name}' does not exist."
            : reference.Kind == ModelReferenceKind.Alias
                ? $"registered model '{reference.Name}' has no alias '{reference.Label}'."
                : $"registered model '{reference.Name}' has no version {reference.Version}.";
}
