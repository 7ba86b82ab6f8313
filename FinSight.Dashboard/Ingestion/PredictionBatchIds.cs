using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FinSight.Core.Analysis.Financial;
using FinSight.Core.Storage;

namespace FinSight.Dashboard.Ingestion;

/// <summary>
/// The batch id of a prediction series sent without one: a hash of its content, so sending the same series twice (a
/// retry after a lost answer) stores it once, as a client-chosen batch id would.
/// </summary>
public static class PredictionBatchIds
{
    public const string Prefix = "content-";

    public static string FromContent(PredictionSeries series, long? step)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(PackedDoubles.Encode(series.Actual));
        hash.AppendData("|predicted|"u8);
        hash.AppendData(PackedDoubles.Encode(series.Predicted));
        hash.AppendData(series.Returns is { } returns ? PackedDoubles.Encode(returns) : "|derived|"u8.ToArray());
        hash.AppendData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"|{series.PeriodsPerYear:R}|{step?.ToString(CultureInfo.InvariantCulture) ?? "-"}")));
        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
