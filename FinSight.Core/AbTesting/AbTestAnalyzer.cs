namespace FinSight.Core.AbTesting;

/// <summary>The statistics engine: turns a test's stored sufficient statistics into results and a recommendation.</summary>
public static class AbTestAnalyzer
{
    /// <summary>Analyses a test as it stands.</summary>
    public static AbTestResults Analyze(AbTestDesign design, AbTestStatus status, AbTestData data) =>
        throw new NotImplementedException("Statistics engine: to be written.");
}
