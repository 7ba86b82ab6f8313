using FinSight.Core.AbTesting;
using Xunit;

namespace FinSight.Tests.Core.AbTesting;

// Expected values worked by hand (and by the loop in reference_values.py), as R's p.adjust(p, "holm"):
// sort ascending, multiply the i-th smallest by (m − i + 1), cap at 1, carry the running maximum.
public sealed class HolmBonferroniTests
{
    [Fact]
    public void Adjust_FourPValues_StepsDownWithMonotonicity()
    {
        // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06.
        var adjusted = HolmBonferroni.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p!.Value, 12)));
    }

    [Fact]
    public void Adjust_ResultsAboveOne_AreCapped()
    {
        Assert.Equal([0.6, 0.6, 0.03], HolmBonferroni.Adjust([0.3, 0.5, 0.01]).Select(p => Math.Round(p!.Value, 12)));
        Assert.Equal([1.0, 1.0], HolmBonferroni.Adjust([0.7, 0.9]));
    }

    [Fact]
    public void Adjust_NullsAreNotComparisons()
    {
        // m = 2, not 4: the undefined comparisons neither get a value nor inflate the others.
        var adjusted = HolmBonferroni.Adjust([null, 0.02, null, 0.04]);

        Assert.Null(adjusted[0]);
        Assert.Null(adjusted[2]);
        Assert.Equal(0.04, adjusted[1]!.Value, 12);
        Assert.Equal(0.04, adjusted[3]!.Value, 12);
    }

    [Fact]
    public void Adjust_OneOrNone_IsUnchanged()
    {
        Assert.Equal([0.013], HolmBonferroni.Adjust([0.013]));
        Assert.Empty(HolmBonferroni.Adjust([]));
    }
}
