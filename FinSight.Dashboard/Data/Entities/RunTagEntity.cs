namespace FinSight.Dashboard.Data.Entities;

public sealed class RunTagEntity
{
    public required string RunId { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}
