namespace FinSight.Core.Query;

/// <summary>Kinds of lexical tokens in a run filter.</summary>
internal enum FilterTokenKind
{
    /// <summary>A bare word: a field, a keyword (and, or, not, in, like, ilike) or an unquoted number.</summary>
    Word,
    /// <summary>A single- or double-quoted string.</summary>
    String,
    /// <summary>A backtick-quoted key.</summary>
    Backtick,
    /// <summary>A comparison operator.</summary>
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token with its text (unquoted for strings) and where it starts.</summary>
internal sealed record FilterToken(FilterTokenKind Kind, string Text, int Position, int Length, char Quote = '\0')
{
    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        FilterTokenKind.End => "the end of the filter",
        FilterTokenKind.String => $"{Quote}{Text}{Quote}",
        FilterTokenKind.Backtick => $"`{Text}`",
        _ => $"'{Text}'",
    };
}
