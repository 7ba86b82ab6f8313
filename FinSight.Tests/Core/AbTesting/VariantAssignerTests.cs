using FinSight.Core.AbTesting;
using MathNet.Numerics.Distributions;
using Xunit;

namespace FinSight.Tests.Core.AbTesting;

public sealed class VariantAssignerTests
{
    private static readonly AbVariant[] ThreeWay =
    [
        new("control", 0.5, null), new("b", 0.3, null), new("c", 0.2, null),
    ];

    [Fact]
    public void Bucket_FixedInputs_SameValueOnEveryMachine()
    {
        // Pinned so a change of hash, encoding or separator (which would move every unit of every running
        // test) cannot slip in unnoticed. Computed with Python's hashlib: SHA-256 of the UTF-8 text
        // "42:user-1" starts f86b745b64d1a7ec, and (0xf86b745b64d1a7ec >> 11) / 2**53 = 0.9703896258477642;
        // "7:ünïcødé-unit" starts 844f9a3e54f25eab → 0.5168396379639913.
        Assert.Equal(0.9703896258477642, VariantAssigner.Bucket(42, "user-1"));
        Assert.Equal(0.5168396379639913, VariantAssigner.Bucket(7, "ünïcødé-unit"));
    }

    [Fact]
    public void Assign_SameTestAndUnit_AlwaysSameVariant()
    {
        var first = Enumerable.Range(0, 1000).Select(i => VariantAssigner.Assign(9, $"u{i}", ThreeWay).Name).ToArray();
        var second = Enumerable.Range(0, 1000).Select(i => VariantAssigner.Assign(9, $"u{i}", ThreeWay).Name).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Assign_OtherTest_IndependentAssignment()
    {
        // The test id is part of the hash: a unit's variant in one test says nothing about another test.
        var agree = Enumerable.Range(0, 10_000)
            .Count(i => VariantAssigner.Assign(1, $"u{i}", ThreeWay).Name == VariantAssigner.Assign(2, $"u{i}", ThreeWay).Name);

        // Independent draws agree with probability 0.5² + 0.3² + 0.2² = 0.38: 3,800 ± 5 sd (≈ 49 each).
        Assert.InRange(agree, 3557, 4043);
    }

    [Fact]
    public void Assign_100kUnits_ConformsToTheSplit()
    {
        const int units = 100_000;
        var counts = new double[ThreeWay.Length];
        for (var i = 0; i < units; i++) counts[VariantAssigner.VariantIndex(VariantAssigner.Bucket(123, $"account-{i}"), ThreeWay)]++;

        // Pearson's chi-square against the split; a fair hash passes at any sensible level (here 0.001).
        var chiSquare = counts.Select((observed, v) => Math.Pow(observed - units * ThreeWay[v].Weight, 2) / (units * ThreeWay[v].Weight)).Sum();
        var pValue = 1 - ChiSquared.CDF(ThreeWay.Length - 1, chiSquare);
        Assert.True(pValue > 0.001, $"counts {string.Join("/", counts)} differ from 50/30/20 (chi-square {chiSquare:F2}, p = {pValue:G3})");
    }

    [Fact]
    public void VariantIndex_BucketsAtTheSliceBoundaries()
    {
        Assert.Equal(0, VariantAssigner.VariantIndex(0.0, ThreeWay));
        Assert.Equal(0, VariantAssigner.VariantIndex(0.4999999, ThreeWay));
        Assert.Equal(1, VariantAssigner.VariantIndex(0.5, ThreeWay));
        Assert.Equal(2, VariantAssigner.VariantIndex(0.8, ThreeWay));
        // Weights summing to 1 − 1e-10 leave a sliver at the top: it belongs to the last variant.
        Assert.Equal(2, VariantAssigner.VariantIndex(0.99999999999, ThreeWay));
    }

    [Fact]
    public void Assign_LongUnitId_Hashed()
    {
        var longId = new string('x', 256);

        Assert.Equal(Expected($"5:{longId}"), VariantAssigner.Bucket(5, longId));
    }

    /// <summary>The definition written out independently: SHA-256 of UTF-8 "testId:unitId", top 53 bits / 2^53.</summary>
    private static double Expected(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        ulong top = 0;
        for (var i = 0; i < 8; i++) top = (top << 8) | hash[i];
        return (top >> 11) / 9007199254740992.0;
    }
}
