using FinSight.Client.Tracking.Mlflow;

namespace FinSight.Client.Tracking;

/// <summary>Creates trackers by type or by name, as the seed's factory does; unknown types are refused with the list of known ones.</summary>
public static class ExperimentTrackerFactory
{
    /// <summary>The known tracker types' names, as <see cref="Create(string, TrackerOptions)"/> accepts them.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = [.. Enum.GetNames<TrackerType>().Select(n => n.ToLowerInvariant())];

    /// <summary>Creates one tracker.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined <see cref="TrackerType"/>; the message lists the known ones.</exception>
    /// <exception cref="ArgumentException">The options for <paramref name="type"/> are missing; the message names them.</exception>
    public static IExperimentTracker Create(TrackerType type, TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return type switch
        {
            TrackerType.FinSight => new FinSightTracker(options.FinSight
                ?? throw new ArgumentException("TrackerOptions.FinSight is required for the FinSight tracker (the server URL and API key).", nameof(options))),
            TrackerType.Mlflow => new MlflowExperimentTracker(options.Mlflow
                ?? throw new ArgumentException("TrackerOptions.Mlflow is required for the MLflow tracker (the tracking URI).", nameof(options))),
            TrackerType.Simple => new SimpleExperimentTracker(options.SimpleRoot, options.TimeProvider),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"Unknown tracker type {(int)type}; the known types are {string.Join(", ", KnownTypes)}."),
        };
    }

    /// <summary>Creates a <see cref="CompositeExperimentTracker"/> logging to each of <paramref name="types"/> (one tracker when only one is given).</summary>
    public static IExperimentTracker Create(IEnumerable<TrackerType> types, TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(types);
        var list = types.ToList();
        if (list.Count == 0) throw new ArgumentException($"Name at least one tracker type: {string.Join(", ", KnownTypes)}.", nameof(types));
        if (list.Count == 1) return Create(list[0], options);
        var created = new List<IExperimentTracker>();
        try
        {
            foreach (var type in list) created.Add(Create(type, options));
        }
        catch
        {
            foreach (var tracker in created) tracker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return new CompositeExperimentTracker(created);
    }

    /// <summary>
    /// Creates a tracker by name (case-insensitive): <c>finsight</c>, <c>mlflow</c>, <c>simple</c>, or several separated
    /// by commas (e.g. <c>finsight,simple</c>) for a composite. Suits a setting such as an environment variable.
    /// </summary>
    /// <exception cref="ArgumentException">A name is unknown; the message lists the known ones.</exception>
    public static IExperimentTracker Create(string name, TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        var types = new List<TrackerType>();
        foreach (var part in name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, out _) || !Enum.TryParse<TrackerType>(part, ignoreCase: true, out var type))
                throw new ArgumentException($"Unknown tracker type '{part}'; the known types are {string.Join(", ", KnownTypes)}.", nameof(name));
            types.Add(type);
        }
        return Create(types, options);
    }
}
