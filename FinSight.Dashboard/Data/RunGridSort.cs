using FinSight.Core.Query;

namespace FinSight.Dashboard.Data;

/// <summary>
/// What the runs grid sorts by: a built-in column (status, name, owner, start, end, duration) or a field
/// (<c>params.lr</c>, <c>metrics.loss</c>, <c>min(metrics.loss)</c>, <c>tags.team</c>), written "&lt;column&gt; [asc|desc]".
/// </summary>
public sealed record RunGridSort(string Column, FilterField? Field, bool Descending)
{
    public static readonly IReadOnlyList<string> BuiltIn = ["status", "name", "owner", "start", "end", "duration"];

    public static readonly RunGridSort Default = new("start", null, Descending: true);

    /// <summary>Reads "&lt;column&gt; [asc|desc]"; empty text is newest first. Throws <see cref="FilterSyntaxException"/>.</summary>
    public static RunGridSort Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Default;
        var column = text.Trim();
        var descending = false;
        if (column.EndsWith(" desc", StringComparison.OrdinalIgnoreCase)) (column, descending) = (column[..^5].TrimEnd(), true);
        else if (column.EndsWith(" asc", StringComparison.OrdinalIgnoreCase)) column = column[..^4].TrimEnd();
        var builtIn = BuiltIn.FirstOrDefault(b => string.Equals(b, column, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null) return new RunGridSort(builtIn, null, descending);
        var field = FilterField.Parse(column);
        if (field.Kind == FilterFieldKind.Attribute)
        {
            var name = field.Attribute switch
            {
                RunAttribute.Status => "status",
                RunAttribute.RunName or RunAttribute.RunId => "name",
                RunAttribute.Owner => "owner",
                RunAttribute.StartTime => "start",
                RunAttribute.EndTime => "end",
                _ => "duration",
            };
            return new RunGridSort(name, null, descending);
        }
        return new RunGridSort(field.ToString(), field, descending);
    }

    public override string ToString() => $"{Column} {(Descending ? "desc" : "asc")}";
}
