using Xunit;
using FinSight.Client;

namespace FinSight.Tests.Client;

public class FinSightClientTests
{
    [Fact]
    public void FromEnvironment_UrlMissing_ThrowsNamingTheVariable()
    {
        // Arrange
        var saved = Environment.GetEnvironmentVariable(FinSightClient.UrlVariable);
        Environment.SetEnvironmentVariable(FinSightClient.UrlVariable, null);
        try
        {
            // Act
            var error = Assert.Throws<InvalidOperationException>(() => FinSightClient.FromEnvironment());

            // Assert
            Assert.Contains("FINSIGHT_URL", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FinSightClient.UrlVariable, saved);
        }
    }

    [Fact]
    public void Constructor_BatchLargerThanServerAccepts_ThrowsNamingTheSetting()
    {
        // Arrange
        var options = new FinSightClientOptions { ServerUrl = new Uri("http://localhost:5000"), MaxBatchPoints = 20_000 };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new FinSightClient(options));

        // Assert
        Assert.Contains("MaxBatchPoints", error.Message);
    }

    [Fact]
    public void Constructor_NoServerUrl_ThrowsNamingTheSetting()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => new FinSightClient(new FinSightClientOptions()));

        // Assert
        Assert.Contains("ServerUrl", error.Message);
    }
}
