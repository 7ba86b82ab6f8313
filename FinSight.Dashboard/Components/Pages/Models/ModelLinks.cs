namespace FinSight.Dashboard.Components.Pages.Models;

/// <summary>Addresses of the registry pages (model names may hold spaces and other characters a path must escape).</summary>
public static class ModelLinks
{
    public static string Model(string name) => $"/models/{Uri.EscapeDataString(name)}";

    /// <summary>The model page, scrolled to the version's row.</summary>
    public static string Version(string name, int version) => $"{Model(name)}#version-{version}";
}
