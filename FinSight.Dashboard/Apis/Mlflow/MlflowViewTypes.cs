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
