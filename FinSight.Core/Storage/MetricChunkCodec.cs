using System.Buffers;
using System.Buffers.Binary;

namespace FinSight.Core.Storage;

/// <summary>
/// Packs consecutive points of one series into a chunk blob. Steps and timestamps are stored as
/// zig-zag varint deltas (training steps and clocks mostly move forward by small amounts, so a point
/// costs 2-4 bytes there), values as raw IEEE-754 doubles so NaN and ±Infinity keep their exact bits.
/// Layout: version byte, varint count, steps, timestamps, values. Points keep their arrival order.
/// </summary>
public static class MetricChunkCodec
{
    private const byte FormatVersion = 1;

    /// <summary>Encodes <paramref name="points"/> in order.</summary>
    public static byte[] Encode(ReadOnlySpan<MetricPoint> points)
    {
        var worstCase = 1 + 10 + points.Length * (10 + 10 + 8);
        var rented = ArrayPool<byte>.Shared.Rent(worstCase);
        try
        {
            var span = rented.AsSpan();
            var at = 0;
            span[at++] = FormatVersion;
            at += WriteVarint(span[at..], (ulong)points.Length);
            long previous = 0;
            foreach (var p in points) { at += WriteVarint(span[at..], ZigZag(p.Step - previous)); previous = p.Step; }
            previous = 0;
            foreach (var p in points) { at += WriteVarint(span[at..], ZigZag(p.Timestamp - previous)); previous = p.Timestamp; }
            foreach (var p in points) { BinaryPrimitives.WriteDoubleLittleEndian(span[at..], p.Value); at += 8; }
            return span[..at].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Number of points in a chunk, read from its header.</summary>
    public static int Count(ReadOnlySpan<byte> chunk)
    {
        CheckVersion(chunk);
        var at = 1;
        return checked((int)ReadVarint(chunk, ref at));
    }

    /// <summary>
    /// The timestamp of a chunk's first point in stored (arrival) order, read without decoding the other
    /// timestamps or any value: only the step deltas before it are skipped.
    /// </summary>
    public static long FirstTimestamp(ReadOnlySpan<byte> chunk)
    {
        CheckVersion(chunk);
        var at = 1;
        var count = checked((int)ReadVarint(chunk, ref at));
        if (count == 0) throw new InvalidDataException("Metric chunk is empty: it has no first point.");
        for (var i = 0; i < count; i++) ReadVarint(chunk, ref at);
        return UnZigZag(ReadVarint(chunk, ref at));
    }

    /// <summary>Decodes a chunk and appends its points, in stored order, to <paramref name="into"/>.</summary>
    public static void DecodeInto(ReadOnlySpan<byte> chunk, List<MetricPoint> into)
    {
        CheckVersion(chunk);
        var at = 1;
        var count = checked((int)ReadVarint(chunk, ref at));
        var steps = ArrayPool<long>.Shared.Rent(count);
        var timestamps = ArrayPool<long>.Shared.Rent(count);
        try
        {
            long running = 0;
            for (var i = 0; i < count; i++) { running += UnZigZag(ReadVarint(chunk, ref at)); steps[i] = running; }
            running = 0;
            for (var i = 0; i < count; i++) { running += UnZigZag(ReadVarint(chunk, ref at)); timestamps[i] = running; }
            if (chunk.Length - at != count * 8)
                throw new InvalidDataException($"Metric chunk is corrupt: expected {count * 8} value bytes, found {chunk.Length - at}.");
            into.EnsureCapacity(into.Count + count);
            for (var i = 0; i < count; i++)
            {
                into.Add(new MetricPoint(steps[i], timestamps[i], BinaryPrimitives.ReadDoubleLittleEndian(chunk[(at + i * 8)..])));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(steps);
            ArrayPool<long>.Shared.Return(timestamps);
        }
    }

    /// <summary>
    /// Decodes a chunk into column buffers the caller reuses across chunks (replaced by larger ones when
    /// too small) and returns its point count: scans over many chunks then allocate nothing per point.
    /// </summary>
    public static int DecodeColumns(ReadOnlySpan<byte> chunk, ref long[] steps, ref long[] timestamps, ref double[] values)
    {
        CheckVersion(chunk);
        var at = 1;
        var count = checked((int)ReadVarint(chunk, ref at));
        if (steps.Length < count) steps = new long[count];
        if (timestamps.Length < count) timestamps = new long[count];
        if (values.Length < count) values = new double[count];
        long running = 0;
        for (var i = 0; i < count; i++) { running += UnZigZag(ReadVarint(chunk, ref at)); steps[i] = running; }
        running = 0;
        for (var i = 0; i < count; i++) { running += UnZigZag(ReadVarint(chunk, ref at)); timestamps[i] = running; }
        if (chunk.Length - at != count * 8)
            throw new InvalidDataException($"Metric chunk is corrupt: expected {count * 8} value bytes, found {chunk.Length - at}.");
        var raw = chunk[at..];
        if (BitConverter.IsLittleEndian) System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(raw).CopyTo(values);
        else for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
        return count;
    }

    /// <summary>Decodes a chunk into a new list.</summary>
    public static List<MetricPoint> Decode(ReadOnlySpan<byte> chunk)
    {
        var points = new List<MetricPoint>();
        DecodeInto(chunk, points);
        return points;
    }

    private static void CheckVersion(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty || chunk[0] != FormatVersion)
            throw new InvalidDataException($"Metric chunk has unknown format {(chunk.IsEmpty ? "(empty)" : chunk[0].ToString())}.");
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int WriteVarint(Span<byte> into, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            into[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[i++] = (byte)value;
        return i;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        // Most deltas fit one byte (steps +1, timestamps a few ms): skip the loop for them.
        if ((uint)at < (uint)from.Length && from[at] < 0x80) return from[at++];
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (at >= from.Length) throw new InvalidDataException("Metric chunk is corrupt: truncated varint.");
            var b = from[at++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new InvalidDataException("Metric chunk is corrupt: varint too long.");
    }
}
