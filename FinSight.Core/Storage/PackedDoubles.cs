using System.Buffers.Binary;

namespace FinSight.Core.Storage;

/// <summary>An array of doubles as a blob: 8 bytes each, little-endian, in order (stored prediction series).</summary>
public static class PackedDoubles
{
    /// <summary>Packs <paramref name="values"/>.</summary>
    public static byte[] Encode(IReadOnlyList<double> values)
    {
        var bytes = new byte[values.Count * sizeof(double)];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return bytes;
    }

    /// <summary>Unpacks what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="ArgumentException">The blob's length is not a multiple of 8.</exception>
    public static double[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(double) != 0) throw new ArgumentException($"A packed double array has a multiple of 8 bytes, not {bytes.Length}.", nameof(bytes));
        var values = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
        return values;
    }
}
