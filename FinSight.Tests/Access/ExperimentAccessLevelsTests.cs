using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Ingestion;
using FinSight.Tests.Components;
using FinSight.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Access;

/// <summary>
/// <see cref="ExperimentAccess.LevelsAsync"/>, the batch the experiments page asks once per refresh: it must give, for
/// every experiment, exactly what <see cref="ExperimentAccess.LevelAsync"/> gives, for every kind of caller.
/// </summary>
public sealed class ExperimentAccessLevelsTests : IAsyncLifetime
{
    private FinSightServer _server = null!;
    private long[] _ids = [];

    private ExperimentAccess Access => _server.Services.GetRequiredService<ExperimentAccess>();
    private PermissionAdministration Permissions => _server.Services.GetRequiredService<PermissionAdministration>();

    public async ValueTask InitializeAsync()
    {
        _server = await FinSightServer.StartAsync();
        var ingestion = _server.Services.GetRequiredService<IngestionService>();
        var ids = new List<long>();
        foreach (var name in new[] { "default", "edit", "manage", "hidden" })
            ids.Add(long.Parse((await ingestion.CreateExperimentAsync(_server.Admin, name, null)).ExperimentId));
        _ids = [.. ids];
    }

    [Fact]
    public async Task LevelsAsync_Researcher_ExplicitLevelsOrTheDefaultAsLevelAsyncGives()
    {
        var rita = await UserWithLevelsAsync("rita@finsight.test", Roles.Researcher);

        var levels = await Access.LevelsAsync(rita, _ids);

        Assert.Equal([PermissionLevel.Read, PermissionLevel.Edit, PermissionLevel.Manage, PermissionLevel.NoPermissions], _ids.Select(id => levels[id]));
        await AssertSameAsOneByOneAsync(rita, levels);
    }

    [Fact]
    public async Task LevelsAsync_Viewer_NeverMoreThanRead()
    {
        var vera = await UserWithLevelsAsync("vera@finsight.test", Roles.Viewer);

        var levels = await Access.LevelsAsync(vera, _ids);

        Assert.Equal([PermissionLevel.Read, PermissionLevel.Read, PermissionLevel.Read, PermissionLevel.NoPermissions], _ids.Select(id => levels[id]));
        await AssertSameAsOneByOneAsync(vera, levels);
    }

    [Fact]
    public async Task LevelsAsync_AdminAndAnonymous_EverythingAndNothing()
    {
        var admin = await Access.LevelsAsync(_server.Admin, _ids);
        var anonymous = await Access.LevelsAsync(new ClaimsPrincipal(new ClaimsIdentity()), _ids);

        Assert.All(_ids, id => Assert.Equal(PermissionLevel.Manage, admin[id]));
        Assert.All(_ids, id => Assert.Equal(PermissionLevel.NoPermissions, anonymous[id]));
    }

    [Fact]
    public async Task LevelsAsync_PermissionChangedAfterAFirstCall_GivesTheNewLevel()
    {
        var rita = await UserWithLevelsAsync("rita@finsight.test", Roles.Researcher);
        Assert.Equal(PermissionLevel.Read, (await Access.LevelsAsync(rita, _ids))[_ids[0]]);

        await Permissions.SetAsync(_server.Admin, _ids[0].ToString(), "rita@finsight.test", "MANAGE");

        Assert.Equal(PermissionLevel.Manage, (await Access.LevelsAsync(rita, _ids))[_ids[0]]);
    }

    [Fact]
    public async Task LevelsAsync_NoIds_Empty()
    {
        var rita = await UserWithLevelsAsync("rita@finsight.test", Roles.Researcher);

        Assert.Empty(await Access.LevelsAsync(rita, []));
    }

    /// <summary>A user with EDIT on the second experiment, MANAGE on the third, NO_PERMISSIONS on the fourth, the default on the first.</summary>
    private async Task<ClaimsPrincipal> UserWithLevelsAsync(string email, string role)
    {
        var user = await AccessTestUsers.CreateAsync(_server, role, email, withKey: false);
        await Permissions.SetAsync(_server.Admin, _ids[1].ToString(), email, "EDIT");
        await Permissions.SetAsync(_server.Admin, _ids[2].ToString(), email, "MANAGE");
        await Permissions.SetAsync(_server.Admin, _ids[3].ToString(), email, "NO_PERMISSIONS");
        return user.Principal;
    }

    private async Task AssertSameAsOneByOneAsync(ClaimsPrincipal caller, IReadOnlyDictionary<long, PermissionLevel> levels)
    {
        foreach (var id in _ids) Assert.Equal(await Access.LevelAsync(caller, id), levels[id]);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
