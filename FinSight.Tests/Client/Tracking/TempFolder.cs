namespace FinSight.Tests.Client.Tracking;

/// <summary>A fresh folder under the temp directory, deleted at the end of the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "finsight-client-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a file still open by a failed test; the temp folder is cleaned later */ }
    }
}
