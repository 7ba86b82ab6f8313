namespace FinSight.Dashboard.Extensions;

/// <summary>
/// <c>--demo</c> on the command line starts a simulated training run. The configuration's command-line
/// reader wants <c>--key value</c> pairs, so the bare switch is turned into <c>--Demo:Enabled true</c>.
/// </summary>
public static class DemoSwitch
{
    public static string[] Expand(string[] args) =>
        args.SelectMany(a => a == "--demo" ? new[] { "--Demo:Enabled", "true" } : [a]).ToArray();
}
