namespace FinSight.Tests.Client.SystemMetrics;

/// <summary>
/// Output of <c>nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw
/// --format=csv,noheader,nounits</c> as real drivers print it.
/// </summary>
internal static class NvidiaSmiSamples
{
    /// <summary>One H100 80GB HBM3 under training load.</summary>
    public const string OneH100 = "0, 87, 30512, 81559, 64, 312.45\n";

    /// <summary>An 8 × A100-SXM4-80GB node, mixed load (driver 535).</summary>
    public const string EightA100 =
        "0, 100, 71234, 81920, 71, 398.12\n" +
        "1, 98, 71230, 81920, 69, 391.77\n" +
        "2, 97, 71228, 81920, 70, 387.02\n" +
        "3, 100, 71236, 81920, 73, 402.55\n" +
        "4, 0, 4, 81920, 33, 61.40\n" +
        "5, 0, 4, 81920, 32, 60.85\n" +
        "6, 12, 10240, 81920, 41, 95.10\n" +
        "7, 99, 71231, 81920, 68, 389.64\n";

    /// <summary>
    /// A GeForce card (no utilisation for this query on some drivers, no power reading) next to a
    /// MIG-enabled A100, where utilisation is "[N/A]".
    /// </summary>
    public const string UnavailableFields =
        "0, [Not Supported], 1024, 8192, 45, [N/A]\n" +
        "1, [N/A], 5120, 40960, 38, 57.12\n";

    /// <summary>What nvidia-smi prints (with exit code 9) when the driver is not loaded.</summary>
    public const string DriverFailure =
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n";
}
