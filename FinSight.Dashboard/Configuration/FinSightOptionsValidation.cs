using System.Globalization;
using FinSight.Core.Access;
using FinSight.Core.Tracking;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Configuration;

/// <summary>Refuses to start with settings that cannot work, naming the setting and the rule.</summary>
public sealed class FinSightOptionsValidation :
    IValidateOptions<TrackingLimits>, IValidateOptions<StorageOptions>, IValidateOptions<IngestionOptions>,
    IValidateOptions<LiveOptions>, IValidateOptions<DemoOptions>, IValidateOptions<AuthOptions>,
    IValidateOptions<AbTestingOptions>,
    IValidateOptions<HyperparameterOptions>, IValidateOptions<ArtifactOptions>, IValidateOptions<MlflowOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackingLimits options) => Result(options.Problems());

    public ValidateOptionsResult Validate(string? name, StorageOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, IngestionOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, LiveOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, DemoOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, AuthOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, AbTestingOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, HyperparameterOptions options) => Result(Problems(options));

    public ValidateOptionsResult Validate(string? name, ArtifactOptions options) => Result(Problems(options));

    private static IEnumerable<string> Problems(ArtifactOptions o)
    {
        if (o.MaxUploadBytes < 1) yield return $"Artifacts:MaxUploadBytes must be at least 1 (was {o.MaxUploadBytes}).";
        if (o.MaxPathLength is < 16 or > 4096) yield return $"Artifacts:MaxPathLength must be between 16 and 4096 (was {o.MaxPathLength}).";
        if (o.PreviewBytes is < 1024 or > 16 * 1024 * 1024) yield return $"Artifacts:PreviewBytes must be between 1024 and 16777216 (was {o.PreviewBytes}).";
        if (o.PreviewRows is < 1 or > 10_000) yield return $"Artifacts:PreviewRows must be between 1 and 10000 (was {o.PreviewRows}).";
        if (o.Root is { Length: > 0 } root && root.IndexOfAny(Path.GetInvalidPathChars()) >= 0) yield return "Artifacts:Root is not a valid folder path.";
    }

    public ValidateOptionsResult Validate(string? name, MlflowOptions options) => Result(options.Problems());

    private static IEnumerable<string> Problems(HyperparameterOptions o)
    {
        // Three runs is the least a correlation's p-value can be computed from.
        if (o.MinRuns is < 3 or > 100_000) yield return $"Hyperparameters:MinRuns must be between 3 and 100000 (was {o.MinRuns}).";
        if (!(o.BestFraction > 0 && o.BestFraction <= 1)) yield return $"Hyperparameters:BestFraction must be more than 0 and at most 1 (was {o.BestFraction.ToString(CultureInfo.InvariantCulture)}).";
        if (o.Trees is < 1 or > 2000) yield return $"Hyperparameters:Trees must be between 1 and 2000 (was {o.Trees}).";
    }

    private static IEnumerable<string> Problems(AbTestingOptions o)
    {
        if (o.EndCheckInterval <= TimeSpan.Zero) yield return "AbTesting:EndCheckInterval must be positive.";
    }

    private static IEnumerable<string> Problems(AuthOptions o)
    {
        if (!PermissionLevels.TryParse(o.DefaultPermission, out _))
            yield return $"Auth:DefaultPermission must be {PermissionLevels.Expected} (was '{o.DefaultPermission}').";
        if (o.MaxFailedAccessAttempts < 1) yield return $"Auth:MaxFailedAccessAttempts must be at least 1 (was {o.MaxFailedAccessAttempts}).";
        if (o.LockoutDuration <= TimeSpan.Zero) yield return "Auth:LockoutDuration must be positive.";
        if (o.TokenLifetime <= TimeSpan.Zero) yield return "Auth:TokenLifetime must be positive.";
        if (o.SessionRevalidationInterval <= TimeSpan.Zero) yield return "Auth:SessionRevalidationInterval must be positive.";
        if (o.BootstrapApiKey is { } key && (key.Length < AuthOptions.MinBootstrapKeyLength || key.Any(char.IsWhiteSpace)))
            yield return $"Auth:BootstrapApiKey must be at least {AuthOptions.MinBootstrapKeyLength} characters with no spaces.";
    }

    private static IEnumerable<string> Problems(StorageOptions o)
    {
        if (!string.Equals(o.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            yield return $"Storage:Provider '{o.Provider}' is not supported yet; use 'Sqlite'.";
        if (string.IsNullOrWhiteSpace(o.ConnectionString)) yield return "Storage:ConnectionString is required.";
        if (o.Synchronous is not ("Full" or "Normal" or "Extra"))
            yield return $"Storage:Synchronous must be Full, Normal or Extra (was '{o.Synchronous}').";
        if (o.CompactionInterval <= TimeSpan.Zero) yield return "Storage:CompactionInterval must be positive.";
        if (o.CompactionTargetPoints is < 16 or > 1_000_000)
            yield return $"Storage:CompactionTargetPoints must be between 16 and 1000000 (was {o.CompactionTargetPoints}).";
    }

    private static IEnumerable<string> Problems(IngestionOptions o)
    {
        if (o.QueueCapacity < 1) yield return $"Ingestion:QueueCapacity must be at least 1 (was {o.QueueCapacity}).";
        if (o.MaxGroupPoints < 1) yield return $"Ingestion:MaxGroupPoints must be at least 1 (was {o.MaxGroupPoints}).";
        if (o.MaxHubMessageBytes < 32 * 1024) yield return $"Ingestion:MaxHubMessageBytes must be at least 32768 (was {o.MaxHubMessageBytes}).";
    }

    private static IEnumerable<string> Problems(LiveOptions o)
    {
        if (o.BufferCapacity < 1) yield return $"Live:BufferCapacity must be at least 1 (was {o.BufferCapacity}).";
        if (o.KeepOnOverflow < 1 || o.KeepOnOverflow > o.BufferCapacity)
            yield return $"Live:KeepOnOverflow must be between 1 and Live:BufferCapacity ({o.BufferCapacity}) (was {o.KeepOnOverflow}).";
        if (o.NotifyInterval < TimeSpan.Zero) yield return "Live:NotifyInterval must not be negative.";
    }

    private static IEnumerable<string> Problems(DemoOptions o)
    {
        if (o.Steps < 1) yield return $"Demo:Steps must be at least 1 (was {o.Steps}).";
        if (o.StepInterval < TimeSpan.Zero) yield return "Demo:StepInterval must not be negative.";
    }

    private static ValidateOptionsResult Result(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
