namespace FinSight.Client.SystemMetrics;

/// <summary>One GPU's line of <c>nvidia-smi</c>; a field the driver reports as unavailable is null.</summary>
/// <param name="Index">The GPU's index, as nvidia-smi numbers it.</param>
/// <param name="UtilizationPercent">GPU utilisation, percent.</param>
/// <param name="MemoryUsedMiB">Memory in use, MiB.</param>
/// <param name="MemoryTotalMiB">Memory installed, MiB.</param>
/// <param name="TemperatureC">Core temperature, °C.</param>
/// <param name="PowerW">Power draw, watts.</param>
internal sealed record GpuReading(
    int Index,
    double? UtilizationPercent,
    double? MemoryUsedMiB,
    double? MemoryTotalMiB,
    double? TemperatureC,
    double? PowerW);
