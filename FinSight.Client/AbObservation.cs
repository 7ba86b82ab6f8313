namespace FinSight.Client;

/// <summary>One unit's outcome on one metric of an A/B test: 0 or 1 for a binary metric, any finite number for a continuous one.</summary>
/// <param name="UnitId">The unit observed (a user, an account, a request).</param>
/// <param name="Variant">The variant the unit was served (as <see cref="FinSightClient.AssignVariantsAsync"/> answered).</param>
/// <param name="Metric">The metric's key, as the test defines it.</param>
/// <param name="Value">The outcome.</param>
public sealed record AbObservation(string UnitId, string Variant, string Metric, double Value);
