namespace FinSight.Bench;

/// <summary>Command-line settings of the ingestion benchmark.</summary>
public sealed record BenchSettings(int Runs, int Batch, int Seconds, int Keys, bool Json, string Synchronous)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(Runs: 8, Batch: 1000, Seconds: 20, Keys: 10, Json: false, Synchronous: "Full");
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--runs" => settings with { Runs = int.Parse(Next()) },
                "--batch" => settings with { Batch = int.Parse(Next()) },
                "--seconds" => settings with { Seconds = int.Parse(Next()) },
                "--keys" => settings with { Keys = int.Parse(Next()) },
                "--json" => settings with { Json = true },
                "--synchronous" => settings with { Synchronous = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}; options: --runs --batch --seconds --keys --json --synchronous."),
            };
        }
        return settings;
    }
}
