using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Apis;
using FinSight.Dashboard.Artifacts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Run;

/// <summary>
/// The run page's artifacts panel. Lists one folder at a time through <see cref="ArtifactService"/> and previews a
/// chosen file through <see cref="ArtifactPreviewReader"/> (READ is checked there, every time); downloads and images
/// go to the v1 download route, which the browser's sign-in cookie authorises.
/// </summary>
public sealed partial class RunArtifacts : ComponentBase
{
    private string _folder = "";
    private IReadOnlyList<ArtifactEntry>? _entries;
    private ArtifactPreview? _preview;
    private string? _error;
    private string? _previewError;
    private string? _loadedRunId;

    [Inject] private ArtifactService Artifacts { get; set; } = default!;
    [Inject] private ArtifactPreviewReader Previews { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string RunId { get; set; } = "";

    /// <summary>Whether the caller has EDIT on the run's experiment: only then are delete buttons offered.</summary>
    [Parameter] public bool CanEdit { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (RunId == _loadedRunId) return;
        _loadedRunId = RunId;
        await OpenFolderAsync("");
    }

    private async Task OpenFolderAsync(string folder)
    {
        (_folder, _preview, _previewError) = (folder, null, null);
        try
        {
            (_folder, _entries) = await Artifacts.ListAsync(Caller.User, RunId, folder, CancellationToken.None);
            _error = null;
        }
        catch (TrackingException e)
        {
            (_entries, _error) = ([], e.Message);
        }
    }

    private async Task OpenAsync(ArtifactEntry entry)
    {
        if (entry.IsDirectory)
        {
            await OpenFolderAsync(entry.Path);
            return;
        }
        try
        {
            (_preview, _previewError) = (await Previews.ReadAsync(Caller.User, RunId, entry.Path), null);
        }
        catch (TrackingException e)
        {
            (_preview, _previewError) = (null, e.Message);
        }
    }

    private async Task DeleteAsync(ArtifactEntry entry)
    {
        var what = entry.IsDirectory ? $"The folder '{entry.Path}' and everything in it" : $"'{entry.Path}'";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete artifact?", $"{what} will be deleted from this run. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        try
        {
            await Artifacts.DeleteAsync(Caller.User, RunId, entry.Path, CancellationToken.None);
            Snackbar.Add($"Deleted {entry.Path}.", Severity.Success);
        }
        catch (TrackingException e)
        {
            Snackbar.Add($"Not deleted: {e.Message}", Severity.Error);
        }
        await OpenFolderAsync(_folder);
    }

    private string DownloadUrl(string path) => $"/api/v1/runs/{RunId}/artifacts/{ArtifactsApi.EscapePath(path)}";

    /// <summary>Each folder above and including the current one: (name, path).</summary>
    private IEnumerable<(string Name, string Path)> Crumbs()
    {
        if (_folder.Length == 0) yield break;
        var segments = _folder.Split('/');
        for (var i = 0; i < segments.Length; i++) yield return (segments[i], string.Join('/', segments.Take(i + 1)));
    }
}
