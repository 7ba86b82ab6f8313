using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace FinSight.Dashboard.Access;

/// <summary>
/// The signed-in user of this dashboard circuit, for components to pass to the readers and the ingestion
/// service (which authorize every call). One per circuit; follows the revalidated authentication state.
/// </summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication)
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    /// <summary>
    /// The user. A server circuit knows its user from the start (the state is already complete); if it is not,
    /// the caller is anonymous, which every check refuses, so the failure is safe.
    /// </summary>
    public ClaimsPrincipal User
    {
        get
        {
            var state = authentication.GetAuthenticationStateAsync();
            return state.IsCompletedSuccessfully ? state.Result.User : Anonymous;
        }
    }
}
