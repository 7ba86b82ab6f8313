using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FinSight.Core.AbTesting;

/// <summary>
/// Deterministic, sticky assignment: a unit's variant is a function of the test id and the unit id
/// only — never a random draw — so every node and every restart answers the same. The hash (SHA-256,
/// whose output is fixed by its standard, unlike <see cref="string.GetHashCode()"/>) maps the pair to a
/// point in [0, 1); the variants own consecutive slices of that interval as wide as their weights.
/// Changing the split moves only the units whose point falls where the slice boundaries moved.
/// </summary>
public static class VariantAssigner
{
    private const int StackLimit = 512;

    /// <summary>The unit's position in [0, 1) for this test.</summary>
    public static double Bucket(long testId, string unitId)
    {
        var maxBytes = 21 + Encoding.UTF8.GetMaxByteCount(unitId.Length);
        byte[]? rented = null;
        var buffer = maxBytes <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            // "<testId>:<unitId>" in UTF-8: the same bytes on every platform.
            testId.TryFormat(buffer, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            buffer[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(unitId, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            // The top 53 bits give a double in [0, 1) with every value equally likely.
            return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The index of the variant whose slice holds <paramref name="bucket"/>.</summary>
    public static int VariantIndex(double bucket, IReadOnlyList<AbVariant> variants)
    {
        var upper = 0.0;
        for (var i = 0; i < variants.Count; i++)
        {
            upper += variants[i].Weight;
            if (bucket < upper) return i;
        }
        // Weights sum to 1 within 1e-9; a bucket in the rounding gap belongs to the last variant.
        return variants.Count - 1;
    }

    /// <summary>The variant a unit gets in a test.</summary>
    public static AbVariant Assign(long testId, string unitId, IReadOnlyList<AbVariant> variants) =>
        variants[VariantIndex(Bucket(testId, unitId), variants)];
}
