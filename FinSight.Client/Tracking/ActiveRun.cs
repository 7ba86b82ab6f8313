namespace FinSight.Client.Tracking;

/// <summary>The "one experiment, one active run" rule every tracker keeps, with the messages it answers.</summary>
internal sealed class ActiveRun<TRun> where TRun : class
{
    public string? Experiment { get; private set; }

    public TRun? Run { get; private set; }

    public void SetExperiment(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Experiment = name;
    }

    /// <summary>The experiment a new run starts in.</summary>
    public string RequireCanStart()
    {
        if (Experiment is null) throw new InvalidOperationException("No experiment: call StartExperimentAsync before StartRunAsync.");
        if (Run is not null) throw new InvalidOperationException("A run is already active: end it with EndRunAsync before starting another.");
        return Experiment;
    }

    public void Started(TRun run) => Run = run;

    public TRun Require() => Run ?? throw new InvalidOperationException("No run is active: call StartRunAsync first.");

    /// <summary>Forgets the run and returns it, or null when none was active.</summary>
    public TRun? Take()
    {
        var run = Run;
        Run = null;
        return run;
    }
}
