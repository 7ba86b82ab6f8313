namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's ViewType names on the wire.</summary>
public static class MlflowViewTypes
{
    public static MlflowViewType Parse(string? text, string field) => text?.ToUpperInvariant() switch
    {
        null or "" or "ACTIVE_ONLY" or "1" => MlflowViewType.ActiveOnly,
        "DELETED_ONLY" or "2" => MlflowViewType.DeletedOnly,
        "ALL" or "3" => MlflowViewType.All,
        _ => throw MlflowException.InvalidParameter($"Invalid value '{text}' for parameter '{field}'; use ACTIVE_ONLY, DELETED_ONLY or ALL."),
    };

    /// <summary>Null for every lifecycle, otherwise whether only deleted ones are wanted.</summary>
    public static bool? OnlyDeleted(this MlflowViewType view) => view switch
    {
        MlflowViewType.ActiveOnly => false,
        MlflowViewType.DeletedOnly => true,
        _ => null,
    };
}

/// <summary>Query-string values of MLflow's GET routes.</summary>
public static class MlflowQuery
{
    public static int? Int(IQueryCollection query, string name)
    {
        var text = query[name].FirstOrDefault();
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw MlflowException.InvalidParameter($"Invalid value '{text}' for parameter '{name}': expected a whole number.");
    }
}

/// <summary>The tracking validator under MLflow's limits (<see cref="Configuration.MlflowOptions"/>), apart from /api/v1's.</summary>
public sealed class MlflowValidator(Microsoft.Extensions.Options.IOptions<Configuration.MlflowOptions> options, Microsoft.Extensions.Options.IOptions<Core.Tracking.TrackingLimits> general)
{
    public Configuration.MlflowOptions Options { get; } = options.Value;

    public Core.Tracking.TrackingValidator Tracking { get; } = new(options.Value.ToTrackingLimits(general.Value));
}
