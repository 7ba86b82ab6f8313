using FinSight.Core.Tracking;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Registry;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FinSight.Dashboard.Components.Pages.Models;

/// <summary>
/// One registered model: its description and tags, every version with stage, aliases, source run and the A/B tests serving
/// it. Researchers and admins edit the description and tags, set, move and remove aliases, and move versions between stages.
/// </summary>
public sealed partial class ModelPage : ComponentBase
{
    private ModelDetail? _detail;
    private bool _loaded;
    private string? _description;
    private string? _tagKey;
    private string? _tagValue;
    private string? _aliasName;
    private int _aliasVersion;
    private bool _archiveExisting;

    [Parameter] public string Name { get; set; } = "";

    [Inject] private ModelRegistryReader Reader { get; set; } = default!;
    [Inject] private ModelRegistryService Registry { get; set; } = default!;
    [Inject] private CurrentCaller Caller { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The service checks the rule again on every change.</summary>
    private bool CanChange => ModelRegistryService.CanChange(Caller.User);

    protected override Task OnParametersSetAsync() => RefreshAsync();

    private async Task RefreshAsync()
    {
        _detail = await Reader.DetailAsync(Caller.User, Name);
        _description = _detail?.Model.Description;
        if (_detail is { Versions.Count: > 0 } && !_detail.Versions.Any(v => v.Version == _aliasVersion)) _aliasVersion = _detail.Versions[0].Version;
        _loaded = true;
    }

    private Task SaveDescriptionAsync() => ChangeAsync(() => Registry.UpdateModelAsync(Caller.User, Name, _description), "Description saved.");

    private Task SetTagAsync() => ChangeAsync(async () =>
    {
        await Registry.SetModelTagAsync(Caller.User, Name, _tagKey, _tagValue ?? "");
        (_tagKey, _tagValue) = (null, null);
    }, $"Tag '{_tagKey}' set.");

    private Task DeleteTagAsync(string key) => ChangeAsync(() => Registry.DeleteModelTagAsync(Caller.User, Name, key), $"Tag '{key}' removed.");

    private Task SetAliasAsync() => ChangeAsync(async () =>
    {
        await Registry.SetAliasAsync(Caller.User, Name, _aliasName?.Trim(), _aliasVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _aliasName = null;
    }, $"Alias '{_aliasName?.Trim()}' now points to version {_aliasVersion}.");

    private Task DeleteAliasAsync(string alias) => ChangeAsync(() => Registry.DeleteAliasAsync(Caller.User, Name, alias), $"Alias '{alias}' removed.");

    private Task TransitionAsync(ModelVersionView version, string stage) => ChangeAsync(
        () => Registry.TransitionStageAsync(Caller.User, Name, version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), stage, _archiveExisting),
        $"Version {version.Version} moved to {stage}.");

    /// <summary>Runs a change; a refusal (bad alias, a version deleted meanwhile) is shown, and the page shows what is stored either way.</summary>
    private async Task ChangeAsync(Func<Task> change, string done)
    {
        try
        {
            await change();
            Snackbar.Add(done, Severity.Success);
        }
        catch (TrackingException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await RefreshAsync();
    }
}
