using FinSight.Core.Tracking;
using FinSight.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Apis.Mlflow;

/// <summary>The tracking validator under MLflow's limits (<see cref="MlflowOptions"/>), apart from /api/v1's.</summary>
public sealed class MlflowValidator(IOptions<MlflowOptions> options, IOptions<TrackingLimits> general)
{
    public MlflowOptions Options { get; } = options.Value;

    public TrackingValidator Tracking { get; } = new(options.Value.ToTrackingLimits(general.Value));
}
