using FinSight.Core.Artifacts;
using Xunit;

namespace FinSight.Tests.Core.Artifacts;

public class ArtifactPathsTests
{
    [Theory]
    [InlineData("model.pkl", "model.pkl")]
    [InlineData("a/./b", "a/b")]
    [InlineData("./a/b.txt", "a/b.txt")]
    [InlineData("a//b///c.csv", "a/b/c.csv")]
    [InlineData("plots/loss curve (v2).png", "plots/loss curve (v2).png")]
    [InlineData("ünïcødé/файл.txt", "ünïcødé/файл.txt")]
    [InlineData("report 100%.txt", "report 100%.txt")]
    [InlineData(".hidden/.env", ".hidden/.env")]
    [InlineData("a..b/c...txt", "a..b/c...txt")]
    public void Normalize_AcceptablePath_ReturnsTheNormalisedForm(string path, string expected)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out var normalized);

        // Assert
        Assert.Null(problem);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("..", "'..'")]
    [InlineData("../secret.txt", "'..'")]
    [InlineData("a/../../etc/passwd", "'..'")]
    [InlineData("a/..", "'..'")]
    [InlineData("...", "made only of dots")]
    [InlineData("a/ .. /b", "made only of dots or spaces")]
    public void Normalize_DotDotSegment_IsRefusedNamingTheRule(string path, string rule)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.NotNull(problem);
        Assert.Contains(rule, problem);
    }

    [Theory]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("//server/share/x", "is absolute")]
    [InlineData("C:/Windows/win.ini", "drive letter 'C:'")]
    [InlineData("c:secret", "drive letter 'c:'")]
    public void Normalize_AbsolutePath_IsRefused(string path, string rule)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.NotNull(problem);
        Assert.Contains(rule, problem);
    }

    [Theory]
    [InlineData("..\\..\\secret.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("C:\\Windows\\win.ini")]
    public void Normalize_Backslash_IsRefused(string path)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.Equal("contains a backslash ('\\'); separate folders with '/'", problem);
    }

    [Theory]
    [InlineData("model.pkl\0.png", "\\u0000")]
    [InlineData("a\nb.txt", "\\u000a")]
    [InlineData("bell\u0007", "\\u0007")]
    [InlineData("del\u007f", "\\u007f")]
    public void Normalize_ControlCharacter_IsRefusedNamingIt(string path, string shown)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.Equal($"contains the control character {shown}; names may not hold control characters (NUL among them)", problem);
    }

    [Theory]
    [InlineData("%2e%2e/secret", "%2e")]
    [InlineData("%2E%2E/secret", "%2e")]
    [InlineData("..%2fsecret", "%2f")]
    [InlineData("a%2F..%2F..%2Fb", "%2f")]
    [InlineData("..%5csecret", "%5c")]
    [InlineData("model.pkl%00.png", "%00")]
    public void Normalize_PercentEncodedTraversalLeftAfterDecoding_IsRefused(string path, string encoded)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.NotNull(problem);
        Assert.StartsWith($"contains the percent-encoded '{encoded}'", problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_EmptyFilePath_IsRequired(string? path)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.Equal("is required", problem);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("./")]
    [InlineData("//")]
    public void Normalize_PathOfOnlyDotsAndSlashes_NamesNoFile(string path)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: false, out _);

        // Assert
        Assert.NotNull(problem);
    }

    [Fact]
    public void Normalize_FilePathEndingInSlash_IsRefused()
    {
        // Act
        var problem = ArtifactPaths.Normalize("plots/", 1024, allowRoot: false, out _);

        // Assert
        Assert.Equal("ends with '/'; name a file, not a folder", problem);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData(".", "")]
    [InlineData("plots/", "plots")]
    [InlineData("./plots//2024/", "plots/2024")]
    public void Normalize_FolderPath_AllowsTheRunsOwnFolder(string? path, string expected)
    {
        // Act
        var problem = ArtifactPaths.Normalize(path, 1024, allowRoot: true, out var normalized);

        // Assert
        Assert.Null(problem);
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Normalize_FolderPathWithDotDot_IsStillRefused()
    {
        // Act
        var problem = ArtifactPaths.Normalize("plots/../..", 1024, allowRoot: true, out _);

        // Assert
        Assert.Contains("'..'", problem);
    }

    [Fact]
    public void Normalize_PathOverTheConfiguredLength_IsRefusedWithTheLimit()
    {
        // Act
        var atLimit = ArtifactPaths.Normalize(new string('a', 20), 20, allowRoot: false, out _);
        var over = ArtifactPaths.Normalize(new string('a', 21), 20, allowRoot: false, out _);

        // Assert
        Assert.Null(atLimit);
        Assert.Equal("is 21 characters long; the limit is 20", over);
    }

    [Fact]
    public void Normalize_NameLongerThanFileSystemsAllow_IsRefused()
    {
        // Act
        var problem = ArtifactPaths.Normalize("dir/" + new string('n', 256), 4096, allowRoot: false, out _);

        // Assert
        Assert.Equal("has a name of 256 characters; the limit is 255", problem);
    }

    [Fact]
    public void Normalize_TheStoresReservedUploadPrefix_IsRefused()
    {
        // Act
        var problem = ArtifactPaths.Normalize("a/" + ArtifactPaths.ReservedPrefix + "123", 1024, allowRoot: false, out _);

        // Assert
        Assert.Contains("keeps for unfinished uploads", problem);
    }

    [Fact]
    public void Quote_ControlCharacters_AreWrittenAsEscapes()
    {
        // Act
        var quoted = ArtifactPaths.Quote("a\0b");

        // Assert
        Assert.Equal("'a\\u0000b'", quoted);
    }

    [Theory]
    [InlineData("a/b/c.txt", "c.txt", "a/b")]
    [InlineData("c.txt", "c.txt", "")]
    public void NameOfAndParentOf_SplitThePath(string path, string name, string parent)
    {
        // Assert
        Assert.Equal(name, ArtifactPaths.NameOf(path));
        Assert.Equal(parent, ArtifactPaths.ParentOf(path));
    }
}
