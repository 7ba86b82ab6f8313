using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using FinSight.Dashboard.Apis.Mlflow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FinSight.Dashboard.Access;

/// <summary>
/// Authenticates training processes and scripts by API key, sent as <c>Authorization: Bearer &lt;key&gt;</c>,
/// as HTTP Basic with any user name and the key as the password (what MLflow clients send from
/// MLFLOW_TRACKING_USERNAME/PASSWORD), or, on the hub path only, as the <c>access_token</c> query parameter
/// (browsers and the JavaScript SignalR client cannot set headers on WebSockets).
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyService keys, IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureItem = "finsight:api_key_failure";

    /// <summary>Whether the request carries key credentials at all (otherwise the cookie is tried).</summary>
    public static bool HasCredentials(HttpContext context) => ReadSecret(context.Request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadSecret(Request) is not { } secret) return AuthenticateResult.NoResult();
        var result = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        if (result.Caller is null)
        {
            Context.Items[FailureItem] = result.Failure;
            return AuthenticateResult.Fail(result.Failure ?? "The API key is not valid.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(result.Caller, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items[FailureItem] as string;
        await WriteUnauthorizedAsync(Context, problems, failure);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteForbiddenAsync(Context, problems);

    /// <summary>401 with a problem document saying how to authenticate (also used for cookie-less API calls).</summary>
    public static async Task WriteUnauthorizedAsync(HttpContext context, IProblemDetailsService problems, string? failure)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"FinSight\"";
        // MLflow's clients raise their own exception from MLflow's error body; problem details would reach the user as a parse error.
        if (MlflowApi.IsMlflowPath(context))
        {
            await new MlflowError(MlflowErrorCodes.Unauthenticated, failure ?? MlflowCredentialsHelp).WriteAsync(context);
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = failure ?? "Authentication required: send an API key as 'Authorization: Bearer <key>' (or HTTP Basic with the key as the password). Get one on the Account page or with POST /api/v1/auth/token.",
            },
        });
    }

    /// <summary>403 with a problem document (the role-level refusals; permission refusals name the level themselves).</summary>
    public static async Task WriteForbiddenAsync(HttpContext context, IProblemDetailsService problems)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (MlflowApi.IsMlflowPath(context))
        {
            await new MlflowError(MlflowErrorCodes.PermissionDenied, $"This needs a role you do not have ({context.User.Role() ?? "none"}); ask an admin.").WriteAsync(context);
            return;
        }
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = $"This needs a role you do not have ({context.User.Role() ?? "none"}); ask an admin.",
            },
        });
    }

    private const string MlflowCredentialsHelp =
        "Authentication required: set MLFLOW_TRACKING_TOKEN to a FinSight API key (or MLFLOW_TRACKING_USERNAME to any name and MLFLOW_TRACKING_PASSWORD to the key). Get one on the Account page or with POST /api/v1/auth/token.";

    private static string? ReadSecret(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Parameter is { Length: > 0 } parameter)
        {
            if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return parameter.Trim();
            if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) return BasicPassword(parameter);
        }
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is { Count: > 0 } token && !string.IsNullOrEmpty(token[0]))
            return token[0];
        return null;
    }

    private static string? BasicPassword(string parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = decoded.IndexOf(':');
            return colon >= 0 && colon < decoded.Length - 1 ? decoded[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
