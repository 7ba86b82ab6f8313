using System.Net;
using Bunit;
using FinSight.Core.Access;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Components.Pages.Admin;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using FinSight.Tests.Integration;
using Xunit;

namespace FinSight.Tests.Components.Pages.Admin;

/// <summary>The audit page over a real server's audit table: order, columns and every filter.</summary>
public sealed class AuditPageTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    protected override void OnStarted() => _popovers = Ctx.Context.Render<MudPopoverProvider>();

    [Fact]
    public async Task AuditPage_Events_NewestFirstWithUtcTimeActorActionTargetDetailAndAddress()
    {
        await ClearAsync();
        await SeedAsync(At("2026-01-02T08:00:00Z"), "ann@finsight.test", AuditActions.UserCreated, "bob@finsight.test", "role Viewer", "10.0.0.7");
        await SeedAsync(At("2026-01-02T09:30:05Z"), "ann@finsight.test", AuditActions.RoleChanged, "bob@finsight.test", "Viewer → Researcher", null);

        var page = RenderPage();

        Assert.Equal(
        [
            ["2026-01-02 09:30:05 UTC", "ann@finsight.test", "role_changed", "bob@finsight.test", "Viewer → Researcher", "—"],
            ["2026-01-02 08:00:00 UTC", "ann@finsight.test", "user_created", "bob@finsight.test", "role Viewer", "10.0.0.7"],
        ], Rows(page));
        Assert.Empty(page.FindAll("#audit-limit"));
    }

    [Fact]
    public async Task AuditPage_ActionsRecordedByTheServer_AppearWithoutSeeding()
    {
        // A real action through the real service: the page shows what the server recorded, not only seeded rows.
        await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Viewer, "bob@finsight.test", withKey: false);

        var page = RenderPage();

        var created = Rows(page).First(r => r[2] == AuditActions.UserCreated);
        Assert.Equal(["admin@finsight.test", "user_created", "bob@finsight.test", "role Viewer"], created[1..5]);
    }

    [Fact]
    public async Task ActionFilter_Chosen_KeepsOnlyThatAction()
    {
        await ClearAsync();
        await SeedAsync(At("2026-01-02T08:00:00Z"), "ann@finsight.test", AuditActions.SignIn, null, null, null);
        await SeedAsync(At("2026-01-02T08:01:00Z"), "ann@finsight.test", AuditActions.KeyCreated, "key1", "name 'cluster'", null);
        await SeedAsync(At("2026-01-02T08:02:00Z"), "bob@finsight.test", AuditActions.SignIn, null, null, null);
        var page = RenderPage();

        MudSelects.Choose(_popovers, page.Find("#audit-action"), AuditActions.SignIn);

        page.WaitForAssertion(() => Assert.Equal(["bob@finsight.test", "ann@finsight.test"], Rows(page).Select(r => r[1])), Patience);
        Assert.All(Rows(page), r => Assert.Equal(AuditActions.SignIn, r[2]));
    }

    [Fact]
    public async Task ActorAndTextFilters_Typed_KeepMatchingEventsCaseInsensitively()
    {
        await ClearAsync();
        await SeedAsync(At("2026-01-02T08:00:00Z"), "ann@finsight.test", AuditActions.KeyCreated, "k1", "name 'GPU cluster'", null);
        await SeedAsync(At("2026-01-02T08:01:00Z"), "ann@finsight.test", AuditActions.KeyCreated, "k2", "name 'laptop'", null);
        await SeedAsync(At("2026-01-02T08:02:00Z"), "bob@finsight.test", AuditActions.KeyCreated, "k3", "name 'cluster two'", null);
        var page = RenderPage();

        page.Find("#audit-actor").Input("ANN");
        page.WaitForAssertion(() => Assert.Equal(["k2", "k1"], Rows(page).Select(r => r[3])), Patience);
        page.Find("#audit-text").Input("Cluster");
        page.WaitForAssertion(() => Assert.Equal(["k1"], Rows(page).Select(r => r[3])), Patience);
        page.Find("#audit-actor").Input("nobody");
        page.WaitForAssertion(() => Assert.Equal("No events match these filters.", page.Find("#no-audit-events").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task DateFilters_FromAndToSameDay_KeepThatWholeUtcDayOnly()
    {
        await ClearAsync();
        await SeedAsync(At("2026-01-01T23:59:59.999Z"), "ann@finsight.test", AuditActions.SignIn, "day before", null, null);
        await SeedAsync(At("2026-01-02T00:00:00Z"), "ann@finsight.test", AuditActions.SignIn, "first instant", null, null);
        await SeedAsync(At("2026-01-02T23:59:59.999Z"), "ann@finsight.test", AuditActions.SignIn, "last instant", null, null);
        await SeedAsync(At("2026-01-03T00:00:00Z"), "ann@finsight.test", AuditActions.SignIn, "day after", null, null);
        var page = RenderPage();

        page.Find("#audit-from").Change("2026-01-02");
        page.WaitForAssertion(() => Assert.Equal(["day after", "last instant", "first instant"], Rows(page).Select(r => r[3])), Patience);
        page.Find("#audit-to").Change("2026-01-02");
        page.WaitForAssertion(() => Assert.Equal(["last instant", "first instant"], Rows(page).Select(r => r[3])), Patience);

        page.Find("#audit-from").Change("2026-01-03");
        page.WaitForAssertion(() => Assert.Equal("The From date is after the To date: nothing can match.", page.Find("#audit-filter-error").TextContent.Trim()), Patience);
        Assert.Empty(Rows(page));

        page.Find("#audit-clear").Click();
        page.WaitForAssertion(() => Assert.Equal(4, Rows(page).Count), Patience);
    }

    [Fact]
    public async Task AuditPage_MoreEventsThanShown_SaysOnlyTheNewestAreShown()
    {
        await ClearAsync();
        for (var i = 0; i < AuditPage.Limit + 5; i++) await SeedAsync(At("2026-01-02T08:00:00Z").AddSeconds(i), "ann@finsight.test", AuditActions.SignIn, $"e{i}", null, null);

        var page = RenderPage();

        Assert.Equal(AuditPage.Limit, Rows(page).Count);
        Assert.Equal($"e{AuditPage.Limit + 4}", Rows(page)[0][3]);
        Assert.Contains($"Showing the newest {AuditPage.Limit} matching events", page.Find("#audit-limit").TextContent);
    }

    [Fact]
    public async Task AuditPage_ForAResearcher_RefusedOnThePageAndByTheApi()
    {
        var researcher = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        Ctx.SignIn(researcher.Principal);

        var page = Ctx.Context.Render<AuditPage>();

        Assert.Equal("This needs the Admin role.", page.Find("#audit-refused").TextContent.Trim());
        Assert.Empty(Rows(page));
        var key = await Ctx.Server.Services.GetRequiredService<ApiKeyService>().CreateForUserAsync(researcher.Id, "script", null, null);
        using var http = Ctx.Server.CreateHttpClient(key.Secret);
        using var response = await http.GetAsync("api/v1/admin/audit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This needs the Admin role.", await response.Content.ReadAsStringAsync());
    }

    private IRenderedComponent<AuditPage> RenderPage()
    {
        var page = Ctx.Context.Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(Rows(page)), Patience);
        return page;
    }

    private static List<List<string>> Rows(IRenderedComponent<AuditPage> page) =>
        page.FindAll("#audit-table tbody tr").Where(r => r.QuerySelector(".audit-time") is not null)
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Removes what the server recorded at start (the bootstrap), so a test sees only its own events.</summary>
    private async Task ClearAsync()
    {
        await using var db = await Ctx.Server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>().CreateDbContextAsync();
        await db.AuditEvents.ExecuteDeleteAsync();
    }

    /// <summary>An event at a chosen instant (the service stamps "now"), stored as the audit log stores them.</summary>
    private async Task SeedAsync(DateTimeOffset time, string actor, string action, string? target, string? detail, string? address)
    {
        await using var db = await Ctx.Server.Services.GetRequiredService<IDbContextFactory<FinSightDbContext>>().CreateDbContextAsync();
        db.AuditEvents.Add(new AuditEventEntity
        {
            Time = time.ToUnixTimeMilliseconds(), Actor = actor, Action = action, Target = target, Detail = detail, Address = address,
        });
        await db.SaveChangesAsync();
    }
}
