using FinSight.Dashboard.Extensions;

var builder = WebApplication.CreateBuilder(DemoSwitch.Expand(args));
builder.AddFinSight();

var app = builder.Build();
app.MapFinSight();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
