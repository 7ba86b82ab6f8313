using System.Diagnostics.CodeAnalysis;

namespace FinSight.Core.Registry;

/// <summary>How a <see cref="ModelReference"/> picks a version.</summary>
public enum ModelReferenceKind
{
    /// <summary><c>models:/&lt;name&gt;/&lt;version&gt;</c>: one fixed version.</summary>
    Version,
    /// <summary><c>models:/&lt;name&gt;@&lt;alias&gt;</c>: whichever version the alias points to.</summary>
    Alias,
    /// <summary><c>models:/&lt;name&gt;/&lt;stage&gt;</c>: the newest version in that stage (older MLflow).</summary>
    Stage,
    /// <summary><c>models:/&lt;name&gt;/latest</c>: the newest version.</summary>
    Latest,
}

/// <summary>A parsed MLflow model URI.</summary>
/// <param name="Name">The registered model's name.</param>
/// <param name="Kind">How the version is chosen.</param>
/// <param name="Version">The version number, for <see cref="ModelReferenceKind.Version"/>; otherwise 0.</param>
/// <param name="Label">The alias or the canonical stage name, for those kinds; otherwise null.</param>
public sealed record ModelReference(string Name, ModelReferenceKind Kind, int Version = 0, string? Label = null)
{
    /// <summary>The URI scheme prefix.</summary>
    public const string Prefix = "models:/";

    /// <summary>The URI of one fixed version.</summary>
    public static string VersionUri(string name, int version) => $"{Prefix}{name}/{version}";

    /// <summary>The URI form of this reference.</summary>
    public override string ToString() => Kind switch
    {
        ModelReferenceKind.Version => VersionUri(Name, Version),
        ModelReferenceKind.Alias => $"{Prefix}{Name}@{Label}",
        ModelReferenceKind.Latest => $"{Prefix}{Name}/latest",
        _ => $"{Prefix}{Name}/{Label}",
    };

    /// <summary>True when <paramref name="text"/> starts like a model URI (so an error can say what is wrong with it).</summary>
    public static bool LooksLikeModelUri(string? text) => text?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Parses <c>models:/&lt;name&gt;/&lt;version&gt;</c>, <c>models:/&lt;name&gt;@&lt;alias&gt;</c>, <c>models:/&lt;name&gt;/&lt;stage&gt;</c> and
    /// <c>models:/&lt;name&gt;/latest</c>. The name and alias must pass <see cref="RegistryRules"/>; <paramref name="error"/> says why not.
    /// </summary>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out ModelReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = null;
        if (!LooksLikeModelUri(uri))
        {
            error = "a model URI starts with 'models:/'";
            return false;
        }
        var rest = uri![Prefix.Length..];
        var slash = rest.IndexOf('/');
        var at = rest.LastIndexOf('@');
        try
        {
            if (slash < 0 && at > 0)
            {
                reference = new ModelReference(RegistryRules.ModelName(rest[..at], "model name"), ModelReferenceKind.Alias, Label: RegistryRules.Alias(rest[(at + 1)..], "alias"));
                return true;
            }
            if (slash <= 0 || slash == rest.Length - 1 || rest.IndexOf('/', slash + 1) >= 0)
            {
                error = "expected models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>";
                return false;
            }
            var name = RegistryRules.ModelName(rest[..slash], "model name");
            var suffix = rest[(slash + 1)..];
            if (suffix.Length > 0 && char.IsAsciiDigit(suffix[0]))
                reference = new ModelReference(name, ModelReferenceKind.Version, RegistryRules.Version(suffix, "version"));
            else if (suffix.Equals("latest", StringComparison.OrdinalIgnoreCase))
                reference = new ModelReference(name, ModelReferenceKind.Latest);
            else if (ModelStages.Canonical(suffix) is { } stage)
                reference = new ModelReference(name, ModelReferenceKind.Stage, Label: stage);
            else
            {
                error = $"'{suffix}' is neither a version number, 'latest', nor a stage ({string.Join(", ", ModelStages.All)})";
                return false;
            }
            return true;
        }
        catch (Tracking.TrackingException e)
        {
            error = e.Message.TrimEnd('.');
            return false;
        }
    }
}
