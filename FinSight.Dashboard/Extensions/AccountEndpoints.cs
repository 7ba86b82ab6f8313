using FinSight.Dashboard.Access;
using Microsoft.AspNetCore.Antiforgery;

namespace FinSight.Dashboard.Extensions;

/// <summary>Sign-out: a form post (with its antiforgery token) from the app bar, so no other site can sign a user out.</summary>
public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/signout", async (HttpContext context, AccountSignIn signIn) =>
            {
                await signIn.SignOutAsync(context.User);
                return TypedResults.LocalRedirect("/signin");
            })
            .RequireAuthorization()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }
}
