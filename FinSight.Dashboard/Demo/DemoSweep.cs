using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FinSight.Client;
using FinSight.Core.Tracking;

namespace FinSight.Dashboard.Demo;

/// <summary>
/// The demo's finished hyperparameter sweep: a few dozen short training runs of a simulated price forecaster,
/// logged through the public client like any sweep script, so that a newcomer's hyperparameter page, run
/// comparisons and KPIs have finished runs to analyse from the first start. The simulated validation loss
/// depends strongly on the learning rate (best near 3e-4), weakly on dropout, and not at all on the batch size,
/// which the analysis should find. Each run also logs its forecast of a simulated price path, so its financial
/// metrics (<c>fin/*</c>) are there to compare. Created once per database.
/// </summary>
public static class DemoSweep
{
    public const string ExperimentName = "demo: forecaster sweep";
    public const int Runs = 24;
    private const int Steps = 60;

    private static readonly double[] LearningRates = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3];
    private static readonly int[] BatchSizes = [32, 64, 128, 256];
    private static readonly string[] Optimizers = ["adam", "adamw", "sgd"];

    /// <summary>Logs the sweep unless its experiment already has runs; failures are the demo's own and only logged.</summary>
    public static async Task RunAsync(Uri server, string apiKey, ILogger logger, CancellationToken stopping)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = server };
            http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
            if (await AlreadyLoggedAsync(http, stopping)) return;
            // Its own client without system metrics: these runs last a fraction of a second, and a gauge of this
            // machine under each would only repeat the demo run's.
            await using var client = new FinSightClient(new FinSightClientOptions { ServerUrl = server, ApiKey = apiKey, SystemMetrics = false });
            var random = new Random(20261203);
            for (var i = 0; i < Runs && !stopping.IsCancellationRequested; i++)
            {
                await LogRunAsync(client, i, random, stopping);
            }
            logger.LogInformation("Demo sweep '{Experiment}' logged {Runs} finished runs.", ExperimentName, Runs);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The demo sweep stopped.");
        }
    }

    private static async Task<bool> AlreadyLoggedAsync(HttpClient http, CancellationToken stopping)
    {
        var experiments = await http.GetFromJsonAsync<JsonElement>("api/v1/experiments", stopping);
        return experiments.EnumerateArray().Any(e =>
            e.GetProperty("name").GetString() == ExperimentName && e.GetProperty("runCount").GetInt32() > 0);
    }

    private static async Task LogRunAsync(FinSightClient client, int index, Random random, CancellationToken stopping)
    {
        var learningRate = LearningRates[random.Next(LearningRates.Length)];
        var batchSize = BatchSizes[random.Next(BatchSizes.Length)];
        var optimizer = Optimizers[random.Next(Optimizers.Length)];
        var dropout = Math.Round(random.NextDouble() * 0.5, 2);
        var parameters = new Dictionary<string, string>
        {
            ["learning_rate"] = learningRate.ToString("0e0", CultureInfo.InvariantCulture),
            ["batch_size"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = optimizer,
            ["dropout"] = dropout.ToString(CultureInfo.InvariantCulture),
        };
        // How far the learning rate is from the sweet spot, in decades, drives the final loss; dropout helps a little.
        var decadesOff = Math.Abs(Math.Log10(learningRate / 3e-4));
        var floor = 0.05 + 0.09 * decadesOff * decadesOff + 0.04 * (0.5 - dropout) + 0.01 * Gaussian(random);
        var tags = new Dictionary<string, string> { ["source"] = "demo", ["sweep"] = "lr-dropout" };
        await using var run = await client.StartRunAsync(ExperimentName, $"sweep-{index + 1:00}", parameters, tags, stopping);
        for (var step = 0; step < Steps; step++)
        {
            var t = (double)step / Steps;
            var train = floor * 0.8 + 1.5 * Math.Exp(-6 * t) + 0.01 * Gaussian(random);
            var validation = floor + 1.4 * Math.Exp(-5.5 * t) + 0.01 * Gaussian(random);
            run.LogMetrics(new Dictionary<string, double>
            {
                ["train_loss"] = Math.Max(0.01, train),
                ["val_loss"] = Math.Max(0.01, validation),
                ["val_accuracy"] = Math.Clamp(0.98 - validation * 0.6, 0, 1),
            }, step);
        }
        await run.LogPredictionsAsync(PricePath, Forecast(floor, random), ct: stopping);
        await run.EndAsync(RunStatus.Finished, stopping);
    }

    // One simulated daily price path that every run forecasts, so their financial metrics compare like for like.
    private static readonly double[] PricePath = SimulatePrices(250, new Random(42));

    private static double[] SimulatePrices(int days, Random random)
    {
        var prices = new double[days];
        prices[0] = 100;
        for (var t = 1; t < days; t++) prices[t] = prices[t - 1] * (1 + 0.0003 + 0.012 * Gaussian(random));
        return prices;
    }

    /// <summary>
    /// Each day's forecast: the day's true price seen through noise larger than a day's move (1.2%) and growing with
    /// the run's loss, so the best runs call a little over half of the directions right, as real forecasters do,
    /// and a better-trained model earns a higher Sharpe ratio.
    /// </summary>
    private static double[] Forecast(double finalLoss, Random random) =>
        PricePath.Select(price => price * (1 + 0.012 * (3 + 20 * finalLoss) * Gaussian(random))).ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
