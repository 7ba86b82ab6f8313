namespace FinSight.Bench;

/// <summary>
/// Script run in the dashboard page: every few milliseconds it looks through all traces of the chart for
/// probe values (1 + id/1024, exact in binary floating point) and notes, per probe id, the wall-clock time
/// (epoch ms, sub-millisecond) it first appeared. The benchmark reads the notes at the end, so no message
/// to the benchmark process sits between the chart update and the timestamp.
/// </summary>
public static class ChartProbeScript
{
    public static double Value(int id) => 1 + id / 1024.0;

    public const string Install = """
        (chartId) => {
            window.__probeSeen = {};
            const now = () => performance.timeOrigin + performance.now();
            const scan = () => {
                const chart = document.getElementById(chartId);
                if (!chart || !chart.data) return;
                const t = now();
                for (const trace of chart.data) {
                    const ys = trace.y;
                    if (!ys) continue;
                    // Newest points are at the end: walk back until a probe already seen.
                    for (let i = ys.length - 1; i >= 0; i--) {
                        const id = (ys[i] - 1) * 1024;
                        if (!Number.isInteger(id) || id < 0) continue;
                        if (id in window.__probeSeen) break;
                        window.__probeSeen[id] = t;
                    }
                }
            };
            // setInterval is clamped to about 4 ms in Chromium: the resolution of this measurement.
            window.__probeTimer = setInterval(scan, 2);
        }
        """;

    public const string Read = "() => JSON.stringify(window.__probeSeen)";

    /// <summary>The page's clock now, to check it against the benchmark's (same machine, same clock).</summary>
    public const string Clock = "() => performance.timeOrigin + performance.now()";
}
