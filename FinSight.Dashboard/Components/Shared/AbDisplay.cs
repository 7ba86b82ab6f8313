using System.Globalization;

namespace FinSight.Dashboard.Components.Shared;

/// <summary>
/// How the A/B test pages write statistics: invariant culture, rates and lifts as percentages, p-values with
/// a floor, and "—" wherever a value is undefined (never "NaN").
/// </summary>
public static class AbDisplay
{
    /// <summary>What an undefined value shows.</summary>
    public const string None = "—";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A fraction as a percentage: "12.3%", "0.42%" below one percent.</summary>
    public static string Percent(double? fraction)
    {
        if (fraction is not { } f || !double.IsFinite(f)) return None;
        var percent = f * 100;
        return percent.ToString(Math.Abs(percent) < 1 && percent != 0 ? "0.00" : "0.0", Invariant) + "%";
    }

    /// <summary>A signed relative lift: "+8.1%", "-3.0%", "0.0%".</summary>
    public static string Lift(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("+0.0;-0.0;0.0", Invariant) + "%" : None;

    /// <summary>A p-value: "0.0032", "&lt;0.0001" below the display floor.</summary>
    public static string PValue(double? p) => p switch
    {
        null => None,
        { } v when !double.IsFinite(v) => None,
        < 0.0001 => "<0.0001",
        { } v => v.ToString("0.0000", Invariant),
    };

    /// <summary>A p-value in a sentence: "p = 0.0032", "p &lt; 0.0001".</summary>
    public static string PIs(double? p) => PValue(p) switch
    {
        None => "p unknown",
        var text when text.StartsWith('<') => "p < " + text[1..],
        var text => "p = " + text,
    };

    /// <summary>A mean in the metric's unit, four significant digits.</summary>
    public static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("G4", Invariant) : None;

    /// <summary>A count with thousands separators: "12,400".</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A metric's value: a rate for binary metrics, a number for continuous ones.</summary>
    public static string Value(double? value, bool binary) => binary ? Percent(value) : Number(value);

    /// <summary>An interval "[low, high]" in the format given; "—" when either end is undefined.</summary>
    public static string Interval(double? low, double? high, Func<double?, string> format) =>
        low is { } l && high is { } h && double.IsFinite(l) && double.IsFinite(h) ? $"[{format(l)}, {format(h)}]" : None;

    /// <summary>A split weight as a share: "50%", "33.3%".</summary>
    public static string Weight(double weight) => (weight * 100).ToString("0.##", Invariant) + "%";

    /// <summary>A day (UTC) as the charts and tables write it.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);
}
