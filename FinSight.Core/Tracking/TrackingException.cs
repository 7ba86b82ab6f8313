namespace FinSight.Core.Tracking;

/// <summary>What kind of mistake a <see cref="TrackingException"/> reports; entry points map it to a status code.</summary>
public enum TrackingErrorKind
{
    /// <summary>The input breaks a rule (HTTP 400).</summary>
    InvalidInput,
    /// <summary>The run or experiment does not exist (HTTP 404).</summary>
    NotFound,
    /// <summary>The input contradicts what is stored, such as a changed param value (HTTP 409).</summary>
    Conflict,
    /// <summary>The caller is signed in but lacks the permission or role the action needs (HTTP 403).</summary>
    Forbidden,
}

/// <summary>A caller's mistake, with a message a user can act on; never carries internals.</summary>
public sealed class TrackingException(TrackingErrorKind kind, string message) : Exception(message)
{
    /// <summary>The kind of mistake.</summary>
    public TrackingErrorKind Kind { get; } = kind;

    /// <summary>An input rule broken.</summary>
    public static TrackingException Invalid(string message) => new(TrackingErrorKind.InvalidInput, message);

    /// <summary>Something named that does not exist.</summary>
    public static TrackingException NotFound(string message) => new(TrackingErrorKind.NotFound, message);

    /// <summary>A contradiction with stored data.</summary>
    public static TrackingException Conflict(string message) => new(TrackingErrorKind.Conflict, message);

    /// <summary>A permission or role the caller lacks; the message names it.</summary>
    public static TrackingException Forbidden(string message) => new(TrackingErrorKind.Forbidden, message);
}
