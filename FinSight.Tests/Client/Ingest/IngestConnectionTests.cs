using Xunit;
using FinSight.Client.Ingest;

namespace FinSight.Tests.Client.Ingest;

public class IngestConnectionTests
{
    [Theory]
    [InlineData("http://localhost:5000", "http://localhost:5000/hubs/ingest")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/hubs/ingest")]
    [InlineData("https://ml.example.com/finsight", "https://ml.example.com/finsight/hubs/ingest")]
    [InlineData("https://ml.example.com/finsight/", "https://ml.example.com/finsight/hubs/ingest")]
    public void HubUrl_ServerUrl_AppendsHubPath(string serverUrl, string expected)
    {
        // Act
        var hubUrl = IngestConnection.HubUrl(new Uri(serverUrl));

        // Assert
        Assert.Equal(new Uri(expected), hubUrl);
    }
}
