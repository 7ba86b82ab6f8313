using FinSight.Dashboard.Access;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using FinSight.Dashboard.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Extensions;

/// <summary>Identity, the two ways in (cookie for people, API key for programs), and the access services.</summary>
public static class FinSightAccessServices
{
    /// <summary>Chooses per request: API key credentials when present, otherwise the sign-in cookie.</summary>
    public const string Scheme = "FinSight";

    public static IServiceCollection AddFinSightAccess(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ExperimentAccess>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<PermissionAdministration>();
        services.AddScoped<AccountSignIn>();
        services.AddSingleton<UserAdministration>();
        services.AddScoped<CurrentCaller>();

        services.AddIdentityCore<FinSightUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FinSightDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((identity, auth) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.MaxFailedAccessAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = auth.Value.LockoutDuration;
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AuthOptions>>((stamp, auth) =>
            stamp.ValidationInterval = auth.Value.SessionRevalidationInterval);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            // The ingestion hub takes keys only: it is for training processes, and a cookie there would let any page of
            // the same site (another port on localhost, a notebook) write as the signed-in user over a WebSocket.
            .AddPolicyScheme(Scheme, "Sign-in cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/hubs") || ApiKeyAuthentication.HasCredentials(context)
                    ? ApiKeyAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "FinSight.Auth";
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/forbidden";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // Programs get status codes and problem details, never a redirect to an HTML page.
            o.Events.OnRedirectToLogin = context => IsMachinePath(context.HttpContext)
                ? ApiKeyAuthentication.WriteUnauthorizedAsync(context.HttpContext, Problems(context.HttpContext), null)
                : Redirect(context);
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (IsMachinePath(context.HttpContext)) return ApiKeyAuthentication.WriteForbiddenAsync(context.HttpContext, Problems(context.HttpContext));
                // A page: answer 403 in place; the status code pages show the dashboard's "forbidden" page.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    /// <summary>API and hub paths: programs, answered with status codes and problem details rather than pages.</summary>
    public static bool IsMachinePath(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");

    private static IProblemDetailsService Problems(HttpContext context) => context.RequestServices.GetRequiredService<IProblemDetailsService>();

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
