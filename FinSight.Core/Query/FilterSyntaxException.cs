namespace FinSight.Core.Query;

/// <summary>A run filter that cannot be read, with the place in the text where reading failed.</summary>
public sealed class FilterSyntaxException : FormatException
{
    /// <summary>Creates the error; the message gets " at column N" appended (1-based, as editors count).</summary>
    public FilterSyntaxException(string reason, int position)
        : base($"{reason} at column {position + 1}")
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>What is wrong and how to fix it, without the column.</summary>
    public string Reason { get; }

    /// <summary>0-based character position in the filter text.</summary>
    public int Position { get; }

    /// <summary>1-based column of <see cref="Position"/>.</summary>
    public int Column => Position + 1;
}
