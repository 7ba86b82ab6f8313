using FinSight.Core.Tracking;
using Xunit;

namespace FinSight.Tests.Core.Tracking;

public class KeyRulesTests
{
    [Theory]
    [InlineData("loss")]
    [InlineData("train/loss")]
    [InlineData("eval:acc top-1.v2")]
    [InlineData("ünïcødé_ключ")]
    public void Check_AcceptableKey_ReturnsNull(string key)
    {
        // Act
        var problem = KeyRules.Check(key, maxLength: 250);

        // Assert
        Assert.Null(problem);
    }

    [Fact]
    public void Check_KeyExactlyAtLimit_ReturnsNull()
    {
        // Act
        var problem = KeyRules.Check(new string('k', 10), maxLength: 10);

        // Assert
        Assert.Null(problem);
    }

    [Fact]
    public void Check_KeyOneOverLimit_ReportsLengthAndLimit()
    {
        // Act
        var problem = KeyRules.Check(new string('k', 11), maxLength: 10);

        // Assert
        Assert.Equal("is 11 characters long; the limit is 10", problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Check_MissingKey_ReportsRequired(string? key)
    {
        // Act
        var problem = KeyRules.Check(key, maxLength: 250);

        // Assert
        Assert.Equal("is required", problem);
    }

    [Fact]
    public void Check_BackslashKey_ReportsCharacter()
    {
        // Act
        var problem = KeyRules.Check("a\\b", maxLength: 250);

        // Assert
        Assert.StartsWith("contains '\\'", problem);
    }
}
