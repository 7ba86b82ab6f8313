namespace FinSight.Dashboard.Configuration;

/// <summary>The simulated training run that shows a newcomer the live path (section <c>Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Start a demo run when the server starts (the <c>--demo</c> switch sets this).</summary>
    public bool Enabled { get; set; }

    /// <summary>Training steps the simulated run takes.</summary>
    public int Steps { get; set; } = 3000;

    /// <summary>Pause between steps; the default makes a run last about five minutes.</summary>
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
