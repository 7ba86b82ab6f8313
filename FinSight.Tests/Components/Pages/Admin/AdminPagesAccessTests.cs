using System.Reflection;
using Bunit;
using FinSight.Core.Access;
using FinSight.Dashboard.Components;
using FinSight.Dashboard.Components.Pages.Admin;
using FinSight.Tests.Integration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FinSight.Tests.Components.Pages.Admin;

/// <summary>
/// The admin pages through the app's own router (Routes.razor with AuthorizeRouteView and the main layout), as a
/// signed-in user would reach them: a non-admin gets the Forbidden content, an admin the page.
/// </summary>
public sealed class AdminPagesAccessTests : ServerBackedTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string, string> AdminPages => new()
    {
        { "/admin/users", typeof(UsersPage).FullName!, "#users-table" },
        { "/admin/keys", typeof(KeysPage).FullName!, "#keys-table" },
        { "/admin/audit", typeof(AuditPage).FullName!, "#audit-table" },
    };

    protected override void OnStarted()
    {
        // The layout's sign-out form renders an antiforgery token; outside a request there is none to give.
        Ctx.Context.Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        // ASP.NET Core's own authorization service judges the page's attributes against the signed-in user's claims. bUnit's
        // stand-in fails any policy that mixes [Authorize] (from _Imports) with [Authorize(Roles)], so it would refuse admins too.
        Ctx.Context.Services.AddAuthorizationCore();
        Ctx.Context.Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public void AdminPage_Type_IsRoutedAndNeedsTheAdminRole(string route, string pageType, string _)
    {
        var type = typeof(UsersPage).Assembly.GetType(pageType)!;

        Assert.Equal(route, type.GetCustomAttribute<RouteAttribute>()!.Template);
        Assert.Contains(type.GetCustomAttributes<AuthorizeAttribute>(), a => a.Roles == Roles.Admin);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AdminPage_ThroughTheRouterAsAResearcher_ShowsForbiddenNotThePage(string route, string _, string pageElement)
    {
        var researcher = await AccessTestUsers.CreateAsync(Ctx.Server, Roles.Researcher, "rita@finsight.test", withKey: false);
        Ctx.SignIn(researcher.Principal);

        var app = RenderAt(route);

        app.WaitForAssertion(() => Assert.Contains("You do not have access to this page", app.Find("#page-forbidden").TextContent), Patience);
        Assert.Contains("This page needs the Admin role. You are signed in as rita@finsight.test (Researcher).",
            app.Find("#page-forbidden").TextContent.Replace("\n", " ").Replace("  ", " "));
        Assert.Empty(app.FindAll(pageElement));
        // Nor does the app bar offer the admin pages.
        Assert.Empty(app.FindAll("#nav-admin-users"));
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public void AdminPage_ThroughTheRouterAsTheAdmin_ShowsThePage(string route, string _, string pageElement)
    {
        var app = RenderAt(route);

        app.WaitForAssertion(() => Assert.NotNull(app.Find(pageElement)), Patience);
        Assert.Empty(app.FindAll("#page-forbidden"));
        Assert.NotNull(app.Find("#nav-admin-users"));
        Assert.Contains(FinSightServer.AdminEmail, app.Find("#nav-account").TextContent);
    }

    private IRenderedComponent<Routes> RenderAt(string route)
    {
        Ctx.Context.Services.GetRequiredService<NavigationManager>().NavigateTo(route);
        return Ctx.Context.Render<Routes>();
    }

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
