using System.Text;

namespace FinSight.Core.Query;

/// <summary>Splits filter text into tokens. Words run until whitespace, an operator, a parenthesis, a comma or a quote.</summary>
internal static class FilterLexer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            switch (c)
            {
                case '(': tokens.Add(new(FilterTokenKind.LeftParen, "(", i++, 1)); continue;
                case ')': tokens.Add(new(FilterTokenKind.RightParen, ")", i++, 1)); continue;
                case ',': tokens.Add(new(FilterTokenKind.Comma, ",", i++, 1)); continue;
                case '\'' or '"' or '`':
                    var value = ReadQuoted(text, ref i);
                    tokens.Add(new(c == '`' ? FilterTokenKind.Backtick : FilterTokenKind.String, value, start, i - start, c));
                    continue;
            }
            if (IsOperatorChar(c))
            {
                var op = ReadOperator(text, ref i);
                tokens.Add(new(FilterTokenKind.Operator, op, start, op.Length));
                continue;
            }
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsOperatorChar(text[i]) && text[i] is not ('(' or ')' or ',' or '\'' or '"' or '`'))
                i++;
            tokens.Add(new(FilterTokenKind.Word, text[start..i], start, i - start));
        }
        tokens.Add(new(FilterTokenKind.End, "", text.Length, 0));
        return tokens;
    }

    private static bool IsOperatorChar(char c) => c is '=' or '!' or '<' or '>';

    private static string ReadOperator(string text, ref int i)
    {
        var start = i;
        string two = i + 1 < text.Length ? text.Substring(i, 2) : "";
        if (two is "==" or "!=" or "<>" or "<=" or ">=")
        {
            i += 2;
            return two;
        }
        if (text[i] == '!') throw new FilterSyntaxException("'!' must be followed by '=' (use != or 'not')", start);
        i++;
        return text[start].ToString();
    }

    // Quotes are escaped by doubling them ('it''s') or with a backslash (\'); \\ is a backslash.
    private static string ReadQuoted(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\'))
            {
                value.Append(text[i + 1]);
                i += 2;
            }
            else if (c == quote && i + 1 < text.Length && text[i + 1] == quote)
            {
                value.Append(quote);
                i += 2;
            }
            else if (c == quote)
            {
                i++;
                return value.ToString();
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
        var what = quote == '`' ? "key" : "string";
        throw new FilterSyntaxException($"Unterminated {what} starting with {quote}; close it with {quote}", start);
    }
}
