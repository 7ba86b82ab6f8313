using System.Globalization;

namespace FinSight.Bench;

/// <summary>Command-line settings of the push-to-browser latency benchmark.</summary>
public sealed record LatencySettings(int Seconds, int Background, int BackgroundRuns, double ProbesPerSecond, string Page, string Chart, string Notify)
{
    public static LatencySettings Parse(string[] args)
    {
        var settings = new LatencySettings(Seconds: 30, Background: 100_000, BackgroundRuns: 4, ProbesPerSecond: 8,
            Page: "/runs/{runId}", Chart: "chart-train_loss", Notify: "00:00:00.250");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--seconds" => settings with { Seconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--background" => settings with { Background = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--background-runs" => settings with { BackgroundRuns = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--probes-per-second" => settings with { ProbesPerSecond = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--page" => settings with { Page = Next() },
                "--chart" => settings with { Chart = Next() },
                "--notify" => settings with { Notify = Next() },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}; latency options: --seconds --background --background-runs --probes-per-second --page --chart --notify."),
            };
        }
        if (settings.BackgroundRuns < 1) throw new ArgumentException("--background-runs must be at least 1.");
        if (settings.ProbesPerSecond <= 0) throw new ArgumentException("--probes-per-second must be above 0.");
        return settings;
    }
}
