namespace FinSight.Core.Analysis.Comparison;

/// <summary>A run that another run beats on every chosen metric: at least as good on each and strictly better on one.</summary>
/// <param name="RunId">The dominated run.</param>
/// <param name="DominatedBy">The runs that dominate it, those no run dominates first, then in input order; the first is the one sentences name.</param>
/// <param name="BetterOn">The metric keys on which <c>DominatedBy[0]</c> is strictly better (on the others it is equal).</param>
public sealed record DominatedRunFinding(string RunId, IReadOnlyList<string> DominatedBy, IReadOnlyList<string> BetterOn);
