using System.Security.Claims;
using FinSight.Core.AbTesting;
using FinSight.Core.Contracts;
using FinSight.Dashboard.AbTests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinSight.Dashboard.Apis;

/// <summary><c>/api/v1/ab-tests</c> (DESIGN.md, public contract): define, run and analyse A/B tests.</summary>
public static class AbTestsApi
{
    public static RouteGroupBuilder MapAbTestsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ab-tests");
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{testId}", Get);
        group.MapPost("/{testId}/start", Start);
        group.MapPost("/{testId}/stop", Stop);
        group.MapPost("/{testId}/end", End);
        group.MapPut("/{testId}/split", ChangeSplit);
        group.MapPost("/{testId}/assign", Assign);
        group.MapPost("/{testId}/observations", LogObservations);
        group.MapGet("/{testId}/results", Results);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<AbTestListItem>>> List(ClaimsPrincipal caller, AbTestReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ListAsync(caller, ct));

    public static async Task<Created<AbTestInfo>> Create(HttpRequest request, ClaimsPrincipal caller, AbTestService service, AbTestReader reader, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateAbTestRequest>(request, ct);
        var test = await service.CreateAsync(caller, body, ct);
        return TypedResults.Created($"/api/v1/ab-tests/{test.Id}", reader.Describe(test));
    }

    public static async Task<Ok<AbTestInfo>> Get(string testId, ClaimsPrincipal caller, AbTestReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.GetAsync(caller, testId, ct));

    public static async Task<Ok<AbTestInfo>> Start(string testId, ClaimsPrincipal caller, AbTestService service, AbTestReader reader, CancellationToken ct) =>
        TypedResults.Ok(reader.Describe(await service.StartAsync(caller, testId, ct)));

    public static async Task<Ok<AbTestInfo>> Stop(string testId, ClaimsPrincipal caller, AbTestService service, AbTestReader reader, CancellationToken ct) =>
        TypedResults.Ok(reader.Describe(await service.StopAsync(caller, testId, ct)));

    public static async Task<Ok<AbTestInfo>> End(string testId, ClaimsPrincipal caller, AbTestService service, AbTestReader reader, CancellationToken ct) =>
        TypedResults.Ok(reader.Describe(await service.EndAsync(caller, testId, ct)));

    public static async Task<Ok<AbTestInfo>> ChangeSplit(string testId, HttpRequest request, ClaimsPrincipal caller, AbTestService service, AbTestReader reader, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ChangeSplitRequest>(request, ct);
        await service.ChangeSplitAsync(caller, testId, body, ct);
        return TypedResults.Ok(await reader.GetAsync(caller, testId, ct));
    }

    public static async Task<Ok<AssignResult>> Assign(string testId, HttpRequest request, ClaimsPrincipal caller, AbTestService service, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<AssignRequest>(request, ct);
        return TypedResults.Ok(await service.AssignAsync(caller, testId, body.UnitIds, ct));
    }

    public static async Task<Ok<BatchAck>> LogObservations(string testId, HttpRequest request, ClaimsPrincipal caller, AbTestService service, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ObservationBatch>(request, ct);
        return TypedResults.Ok(await service.LogObservationsAsync(caller, testId, body, ct));
    }

    public static async Task<Ok<AbTestResults>> Results(string testId, ClaimsPrincipal caller, AbTestReader reader, CancellationToken ct) =>
        TypedResults.Ok(await reader.ResultsAsync(caller, testId, ct));
}
