using FinSight.Core.Tracking;

namespace FinSight.Core.Analysis.Kpis;

/// <summary>How many runs ended which way, and how many have not ended (running or scheduled).</summary>
/// <param name="Finished">Runs that ended FINISHED.</param>
/// <param name="Failed">Runs that ended FAILED.</param>
/// <param name="Killed">Runs that ended KILLED.</param>
/// <param name="Unfinished">Runs still RUNNING or SCHEDULED.</param>
public readonly record struct RunOutcomes(int Finished, int Failed, int Killed, int Unfinished)
{
    /// <summary>Runs that have ended, whichever way.</summary>
    public int Ended => Finished + Failed + Killed;

    /// <summary>Every run counted.</summary>
    public int Total => Ended + Unfinished;

    /// <summary>FINISHED / (FINISHED + FAILED + KILLED); null while no run has ended, rather than a misleading 0 or NaN.</summary>
    public double? SuccessRate => Ended == 0 ? null : (double)Finished / Ended;

    /// <summary>These counts with <paramref name="count"/> more runs of <paramref name="status"/>.</summary>
    public RunOutcomes Add(RunStatus status, int count) => status switch
    {
        RunStatus.Finished => this with { Finished = Finished + count },
        RunStatus.Failed => this with { Failed = Failed + count },
        RunStatus.Killed => this with { Killed = Killed + count },
        _ => this with { Unfinished = Unfinished + count },
    };

    /// <summary>The sum of two sets of counts.</summary>
    public static RunOutcomes operator +(RunOutcomes a, RunOutcomes b) =>
        new(a.Finished + b.Finished, a.Failed + b.Failed, a.Killed + b.Killed, a.Unfinished + b.Unfinished);
}
