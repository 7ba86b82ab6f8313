namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>MLflow's lifecycle views (ViewType): which experiments or runs a search returns.</summary>
public enum MlflowViewType
{
    ActiveOnly,
    DeletedOnly,
    All,
}
