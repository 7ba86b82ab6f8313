namespace FinSight.Dashboard.Apis.Mlflow;

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
