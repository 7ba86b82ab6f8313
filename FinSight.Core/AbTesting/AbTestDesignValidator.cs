using FinSight.Core.Analysis;
using FinSight.Core.Contracts;
using FinSight.Core.Registry;
using FinSight.Core.Tracking;

namespace FinSight.Core.AbTesting;

/// <summary>A test definition that passed every rule.</summary>
public sealed record ValidAbTest(string Name, string? Hypothesis, long ExperimentId, AbTestDesign Design, long? EndsAt);

/// <summary>One checked observation: indexes into the design's variants and metrics.</summary>
public readonly record struct IncomingObservation(string UnitId, int Variant, int Metric, double Value);

/// <summary>
/// Checks A/B test definitions, split changes, assignment requests and observation batches. The first
/// broken rule is reported as a <see cref="TrackingException"/> whose message names the field and the rule.
/// </summary>
public sealed class AbTestDesignValidator(TrackingValidator tracking)
{
    /// <summary>Weights must sum to 1 within this.</summary>
    public const double WeightTolerance = 1e-9;

    /// <summary>Default significance level.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>Default power of the sample-size calculation.</summary>
    public const double DefaultPower = 0.8;

    /// <summary>Most variants in a test.</summary>
    public const int MaxVariants = 20;

    /// <summary>Most metrics (primary and guardrails) in a test.</summary>
    public const int MaxMetrics = 20;

    /// <summary>Longest variant name.</summary>
    public const int MaxVariantNameLength = 100;

    /// <summary>Longest variant model reference (the column's size).</summary>
    public const int MaxModelRefLength = 250;

    /// <summary>Longest unit id.</summary>
    public const int MaxUnitIdLength = 256;

    private TrackingLimits Limits => tracking.Limits;

    /// <summary>Checks a whole definition; <paramref name="nowMs"/> dates <c>endsAt</c>.</summary>
    public ValidAbTest Create(CreateAbTestRequest? request, long nowMs)
    {
        if (request is null)
            throw TrackingException.Invalid("The request body is required: { name, experimentId, variants, control, metrics, minSampleSize or minDetectableEffect }.");
        var name = tracking.Name(request.Name, "name");
        var hypothesis = tracking.Description(request.Hypothesis, "hypothesis");
        var experimentId = TrackingValidator.ExperimentId(request.ExperimentId);
        var variants = Variants(request.Variants);
        var control = Control(request.Control, variants);
        var metrics = Metrics(request.Metrics);
        var alpha = request.Alpha ?? DefaultAlpha;
        if (!double.IsFinite(alpha) || alpha <= 0 || alpha > 0.5)
            throw TrackingException.Invalid($"alpha {alpha} is out of range; the significance level must be greater than 0 and at most 0.5 (0.05 is usual).");
        var power = request.Power ?? DefaultPower;
        if (!double.IsFinite(power) || power <= alpha || power >= 1)
            throw TrackingException.Invalid($"power {power} is out of range; it must be greater than alpha ({alpha}) and less than 1 (0.8 is usual).");
        var planned = PlannedSampleSize(request, metrics, alpha, power);
        if (request.EndsAt is { } endsAt && endsAt <= nowMs)
            throw TrackingException.Invalid($"endsAt {endsAt} is not in the future; give epoch milliseconds after now ({nowMs}).");
        var design = new AbTestDesign(variants, control, metrics, alpha, power, request.MinSampleSize,
            request.MinDetectableEffect, planned);
        return new ValidAbTest(name, hypothesis, experimentId, design, request.EndsAt);
    }

    /// <summary>Checks new weights for a test's variants: every variant named once, nothing else, summing to 1.</summary>
    public IReadOnlyList<AbVariant> Split(AbTestDesign design, ChangeSplitRequest? request)
    {
        if (request?.Variants is not { } inputs)
            throw TrackingException.Invalid("variants is required: [{ name, weight }] for every variant of the test.");
        var weights = new double[design.Variants.Count];
        var seen = new bool[design.Variants.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw TrackingException.Invalid($"variants[{i}] is null.");
            var index = IndexOf(design.Variants, input.Name);
            if (index < 0)
                throw TrackingException.Invalid($"variants[{i}].name '{input.Name}' is not a variant of this test; its variants are {Names(design.Variants)}.");
            if (seen[index]) throw TrackingException.Invalid($"variants[{i}].name '{input.Name}' is given twice.");
            seen[index] = true;
            weights[index] = Weight(input.Weight, $"variants[{i}].weight");
        }
        var missing = design.Variants.Where((_, i) => !seen[i]).Select(v => v.Name).ToList();
        if (missing.Count > 0)
            throw TrackingException.Invalid($"variants must give a weight for every variant; missing: {string.Join(", ", missing)}.");
        CheckSum(weights);
        return design.Variants.Select((v, i) => v with { Weight = weights[i] }).ToList();
    }

    /// <summary>Checks the unit ids of an assignment request.</summary>
    public IReadOnlyList<string> UnitIds(IReadOnlyList<string?>? unitIds, string field = "unitIds")
    {
        if (unitIds is null) throw TrackingException.Invalid($"{field} is required (an array of unit ids).");
        if (unitIds.Count > Limits.MaxPointsPerBatch)
            throw TrackingException.Invalid($"{field} holds {unitIds.Count} ids; the limit is {Limits.MaxPointsPerBatch} per call. Split the request.");
        var result = new string[unitIds.Count];
        for (var i = 0; i < result.Length; i++) result[i] = UnitId(unitIds[i], $"{field}[{i}]");
        return result;
    }

    /// <summary>Checks an observation batch against the test's variants and metrics.</summary>
    public (string BatchId, IncomingObservation[] Observations) Observations(AbTestDesign design, string? batchId, IReadOnlyList<ObservationInput?>? observations)
    {
        var batch = tracking.BatchId(batchId);
        if (observations is null) throw TrackingException.Invalid("observations is required (an array of { unitId, variant, metric, value }).");
        if (observations.Count > Limits.MaxPointsPerBatch)
            throw TrackingException.Invalid($"observations holds {observations.Count} items; the limit is {Limits.MaxPointsPerBatch} per batch. Split the batch.");
        var result = new IncomingObservation[observations.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var field = $"observations[{i}]";
            var input = observations[i] ?? throw TrackingException.Invalid($"{field} is null.");
            var unitId = UnitId(input.UnitId, $"{field}.unitId");
            var variant = IndexOf(design.Variants, input.Variant);
            if (variant < 0)
                throw TrackingException.Invalid(input.Variant is null
                    ? $"{field}.variant is required."
                    : $"{field}.variant '{TrackingValidator.Truncate(input.Variant)}' is not a variant of this test; its variants are {Names(design.Variants)}.");
            var metric = -1;
            for (var m = 0; m < design.Metrics.Count; m++) if (design.Metrics[m].Key == input.Metric) metric = m;
            if (metric < 0)
                throw TrackingException.Invalid(input.Metric is null
                    ? $"{field}.metric is required."
                    : $"{field}.metric '{TrackingValidator.Truncate(input.Metric)}' is not a metric of this test; its metrics are {string.Join(", ", design.Metrics.Select(m => m.Key))}.");
            var value = input.Value;
            if (!value.IsPresent) throw TrackingException.Invalid($"{field}.value is required.");
            if (!value.IsNumber) throw TrackingException.Invalid($"{field}.value '{TrackingValidator.Truncate(value.InvalidText!)}' is not a number.");
            if (!double.IsFinite(value.Number))
                throw TrackingException.Invalid($"{field}.value {value.Number} is not finite; A/B test observations must be finite numbers.");
            if (design.Metrics[metric].Kind == AbMetricKind.Binary && value.Number is not (0 or 1))
                throw TrackingException.Invalid($"{field}.value {value.Number} is not 0 or 1; '{input.Metric}' is a binary metric (1 = converted, 0 = not).");
            result[i] = new IncomingObservation(unitId, variant, metric, value.Number);
        }
        return (batch, result);
    }

    /// <summary>Checks one unit id: required, at most <see cref="MaxUnitIdLength"/> characters, no control characters.</summary>
    public static string UnitId(string? unitId, string field)
    {
        if (string.IsNullOrEmpty(unitId)) throw TrackingException.Invalid($"{field} is required.");
        if (unitId.Length > MaxUnitIdLength)
            throw TrackingException.Invalid($"{field} is {unitId.Length} characters long; the limit is {MaxUnitIdLength}.");
        if (unitId.Any(char.IsControl)) throw TrackingException.Invalid($"{field} contains a control character.");
        return unitId;
    }

    /// <summary>Parses a test id from a route or request.</summary>
    public static long TestId(string? testId, string field = "testId")
    {
        if (string.IsNullOrWhiteSpace(testId)) throw TrackingException.Invalid($"{field} is required.");
        if (!long.TryParse(testId, System.Globalization.NumberStyles.None, null, out var id))
            throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(testId)}' is not an A/B test id; ids are whole numbers such as \"1\".");
        return id;
    }

    private static List<AbVariant> Variants(IReadOnlyList<AbVariantInput?>? inputs)
    {
        if (inputs is null || inputs.Count < 2)
            throw TrackingException.Invalid($"variants needs at least 2 variants (a control and a treatment); got {inputs?.Count ?? 0}.");
        if (inputs.Count > MaxVariants)
            throw TrackingException.Invalid($"variants holds {inputs.Count} variants; the limit is {MaxVariants}.");
        var variants = new List<AbVariant>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"variants[{i}]";
            var input = inputs[i] ?? throw TrackingException.Invalid($"{field} is null.");
            var name = input.Name?.Trim();
            if (string.IsNullOrEmpty(name)) throw TrackingException.Invalid($"{field}.name is required.");
            if (name.Length > MaxVariantNameLength)
                throw TrackingException.Invalid($"{field}.name is {name.Length} characters long; the limit is {MaxVariantNameLength}.");
            if (name.Any(char.IsControl)) throw TrackingException.Invalid($"{field}.name contains a control character.");
            if (variants.Any(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw TrackingException.Invalid($"{field}.name '{name}' is used by another variant; variant names must differ (ignoring case).");
            var weight = Weight(input.Weight, $"{field}.weight");
            var modelRef = string.IsNullOrWhiteSpace(input.ModelRef) ? null : input.ModelRef.Trim();
            if (modelRef is not null) modelRef = ModelRef(modelRef, $"{field}.modelRef");
            variants.Add(new AbVariant(name, weight, modelRef));
        }
        CheckSum(variants.Select(v => v.Weight));
        return variants;
    }

    /// <summary>The forms a variant's model may take, for error messages and forms.</summary>
    public const string ModelRefForms = "a run id (32 lowercase hex characters), models:/<name>/<version> or models:/<name>@<alias>";

    /// <summary>
    /// A variant's model: the run that trained it, or a registered model version (by number or by alias). Whether the
    /// model exists is checked by the service; an alias is resolved there to the version it points to at creation.
    /// </summary>
    private static string ModelRef(string modelRef, string field)
    {
        if (RunIds.IsValid(modelRef)) return modelRef;
        if (modelRef.Length > MaxModelRefLength)
            throw TrackingException.Invalid($"{field} is {modelRef.Length} characters long; the limit is {MaxModelRefLength}.");
        if (!ModelReference.LooksLikeModelUri(modelRef))
            throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(modelRef)}' is not a model reference; use {ModelRefForms}.");
        if (!ModelReference.TryParse(modelRef, out var reference, out var error))
            throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(modelRef)}' is not a model reference ({error}); use {ModelRefForms}.");
        if (reference.Kind is not (ModelReferenceKind.Version or ModelReferenceKind.Alias))
            throw TrackingException.Invalid($"{field} '{TrackingValidator.Truncate(modelRef)}' picks a version by stage or as 'latest', which moves; use {ModelRefForms}.");
        return reference.ToString();
    }

    private static double Weight(double? weight, string field)
    {
        if (weight is not { } w) throw TrackingException.Invalid($"{field} is required: the variant's share of units, such as 0.5.");
        if (!double.IsFinite(w) || w <= 0 || w > 1)
            throw TrackingException.Invalid($"{field} {w} is out of range; a weight is a share greater than 0 and at most 1.");
        return w;
    }

    private static void CheckSum(IEnumerable<double> weights)
    {
        var sum = weights.Sum();
        if (Math.Abs(sum - 1) > WeightTolerance)
            throw TrackingException.Invalid($"The variants' weights sum to {sum.ToString("G12", System.Globalization.CultureInfo.InvariantCulture)}; they must sum to 1 (within {WeightTolerance:0e0}).");
    }

    private static string Control(string? control, List<AbVariant> variants)
    {
        if (string.IsNullOrWhiteSpace(control)) throw TrackingException.Invalid($"control is required: the name of the variant the others are compared with ({Names(variants)}).");
        var index = IndexOf(variants, control.Trim());
        if (index < 0) throw TrackingException.Invalid($"control '{TrackingValidator.Truncate(control)}' is not one of the variants ({Names(variants)}).");
        return variants[index].Name;
    }

    private List<AbMetric> Metrics(IReadOnlyList<AbMetricInput?>? inputs)
    {
        if (inputs is null || inputs.Count == 0)
            throw TrackingException.Invalid("metrics is required: one primary metric and optional guardrails, each { key, type, direction, guardrail? }.");
        if (inputs.Count > MaxMetrics) throw TrackingException.Invalid($"metrics holds {inputs.Count} metrics; the limit is {MaxMetrics}.");
        var metrics = new List<AbMetric>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"metrics[{i}]";
            var input = inputs[i] ?? throw TrackingException.Invalid($"{field} is null.");
            if (KeyRules.Check(input.Key, Limits.MaxKeyLength) is { } problem)
                throw TrackingException.Invalid($"{field}.key {problem}.");
            if (metrics.Any(m => m.Key == input.Key)) throw TrackingException.Invalid($"{field}.key '{input.Key}' is given twice.");
            var kind = input.Type?.Trim().ToLowerInvariant() switch
            {
                "binary" => AbMetricKind.Binary,
                "continuous" => AbMetricKind.Continuous,
                null or "" => throw TrackingException.Invalid($"{field}.type is required: \"binary\" (conversion, values 0 or 1) or \"continuous\"."),
                _ => throw TrackingException.Invalid($"{field}.type '{TrackingValidator.Truncate(input.Type)}' is not a metric type; use \"binary\" or \"continuous\"."),
            };
            var direction = input.Direction?.Trim().ToLowerInvariant() switch
            {
                "higher" => MetricDirection.Maximize,
                "lower" => MetricDirection.Minimize,
                null or "" => throw TrackingException.Invalid($"{field}.direction is required: \"higher\" or \"lower\" (which way is better)."),
                _ => throw TrackingException.Invalid($"{field}.direction '{TrackingValidator.Truncate(input.Direction)}' is not a direction; use \"higher\" or \"lower\"."),
            };
            if (input.Baseline is { } baseline)
            {
                if (kind == AbMetricKind.Binary && !(baseline > 0 && baseline < 1))
                    throw TrackingException.Invalid($"{field}.baseline {baseline} is out of range; a binary metric's baseline is a rate between 0 and 1 (exclusive).");
                if (!double.IsFinite(baseline)) throw TrackingException.Invalid($"{field}.baseline must be a finite number.");
            }
            if (input.BaselineStdDev is { } sd)
            {
                if (kind == AbMetricKind.Binary)
                    throw TrackingException.Invalid($"{field}.baselineStdDev applies to continuous metrics only; a binary metric's spread follows from its baseline rate.");
                if (!double.IsFinite(sd) || sd <= 0) throw TrackingException.Invalid($"{field}.baselineStdDev {sd} must be a finite number greater than 0.");
            }
            metrics.Add(new AbMetric(input.Key!, kind, direction, input.Guardrail ?? false, input.Baseline, input.BaselineStdDev));
        }
        var primaries = metrics.Count(m => !m.Guardrail);
        if (primaries != 1)
            throw TrackingException.Invalid($"metrics has {primaries} primary metrics; exactly one metric must have guardrail false (the primary), the others are guardrails.");
        // The primary first: results, pages and the recommendation read it first.
        return [.. metrics.Where(m => !m.Guardrail), .. metrics.Where(m => m.Guardrail)];
    }

    private static long PlannedSampleSize(CreateAbTestRequest request, List<AbMetric> metrics, double alpha, double power)
    {
        switch (request.MinSampleSize, request.MinDetectableEffect)
        {
            case (null, null):
                throw TrackingException.Invalid("Give minSampleSize (units per variant) or minDetectableEffect (the smallest relative lift worth detecting, such as 0.05) for a power analysis.");
            case ({ }, { }):
                throw TrackingException.Invalid("Give minSampleSize or minDetectableEffect, not both: the planned sample size comes from one of them.");
            case ({ } size, null):
                if (size is < 2 or > 1_000_000_000)
                    throw TrackingException.Invalid($"minSampleSize {size} is out of range; it must be between 2 and 1000000000 units per variant.");
                return size;
        }
        var mde = request.MinDetectableEffect!.Value;
        if (!double.IsFinite(mde) || mde <= 0 || mde > 10)
            throw TrackingException.Invalid($"minDetectableEffect {mde} is out of range; it is a relative lift greater than 0 (0.05 means 5%).");
        var primary = metrics[0];
        if (primary.Baseline is not { } baseline)
            throw TrackingException.Invalid(primary.Kind == AbMetricKind.Binary
                ? $"minDetectableEffect needs the primary metric's baseline: metrics['{primary.Key}'].baseline, the expected control conversion rate (such as 0.1)."
                : $"minDetectableEffect needs the primary metric's baseline and baselineStdDev: the expected control mean and standard deviation of '{primary.Key}'.");
        if (primary.Kind == AbMetricKind.Continuous)
        {
            if (primary.BaselineStdDev is null)
                throw TrackingException.Invalid($"minDetectableEffect needs the primary metric's baselineStdDev: the expected standard deviation of '{primary.Key}' per unit.");
            if (baseline == 0)
                throw TrackingException.Invalid($"minDetectableEffect is relative to the baseline, and '{primary.Key}' has baseline 0; give minSampleSize instead.");
        }
        else if (baseline * (1 + mde) >= 1 && baseline * (1 - mde) <= 0)
            throw TrackingException.Invalid($"minDetectableEffect {mde} moves the baseline rate {baseline} outside 0..1; choose a smaller effect.");
        var planned = PowerAnalysis.SampleSizePerVariant(primary, mde, alpha, power);
        if (planned > 1_000_000_000)
            throw TrackingException.Invalid($"Detecting a lift of {mde:P1} needs {planned} units per variant; choose a larger minDetectableEffect.");
        return planned;
    }

    private static int IndexOf(IReadOnlyList<AbVariant> variants, string? name)
    {
        if (name is null) return -1;
        for (var i = 0; i < variants.Count; i++) if (variants[i].Name == name) return i;
        return -1;
    }

    private static string Names(IEnumerable<AbVariant> variants) => string.Join(", ", variants.Select(v => v.Name));
}
