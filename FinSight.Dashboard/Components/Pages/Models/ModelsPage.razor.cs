using FinSight.Core.Registry;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Registry;
using Microsoft.AspNetCore.Components;

namespace FinSight.Dashboard.Components.Pages.Models;

/// <summary>The registered models, newest update first, with their newest version and aliases; searchable by name.</summary>
public sealed partial class ModelsPage : ComponentBase
{
    private const int PageSize = 500;
    private IReadOnlyList<RegisteredModelView> _models = [];
    private string? _search;
    private bool _loaded;
    private bool _more;

    [Inject] private ModelRegistryReader Reader { get; set; } = default!;

    protected override Task OnInitializedAsync() => RefreshAsync();

    private async Task SearchAsync(string? search)
    {
        _search = search;
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        IReadOnlyList<RegistryFilterClause> filter = string.IsNullOrWhiteSpace(_search)
            ? []
            : [new RegistryFilterClause("name", "ILIKE", [$"%{_search.Trim()}%"])];
        var page = await Reader.SearchModelsAsync(filter, [new RegistryOrderKey("last_updated_timestamp", true)], 0, PageSize);
        _models = page.Items;
        _more = page.NextOffset is not null;
        _loaded = true;
    }

}
