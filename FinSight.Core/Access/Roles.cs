namespace FinSight.Core.Access;

/// <summary>The three roles; a user has exactly one.</summary>
public static class Roles
{
    /// <summary>Everything, including users, keys and every experiment.</summary>
    public const string Admin = "Admin";
    /// <summary>Creates experiments (and manages what they create); logs runs where they have EDIT.</summary>
    public const string Researcher = "Researcher";
    /// <summary>Reads where permitted, never writes.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Every role, most powerful first.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Researcher, Viewer];

    /// <summary>The role's canonical spelling, or null when <paramref name="text"/> names none.</summary>
    public static string? Normalize(string? text) =>
        All.FirstOrDefault(r => string.Equals(r, text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
