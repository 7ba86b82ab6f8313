using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using FinSight.Core.Access;
using FinSight.Core.Query;
using FinSight.Dashboard.Access;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

// Runs grid benchmark: one experiment of N runs (20 params, 10 metrics each) seeded straight into SQLite,
// then the experiment page's queries timed in process (median of repeated runs after a warm-up), asked by an
// admin (who passes every permission check without a database lookup, so the figures are the queries' own).
//   dotnet run -c Release --project bench/RunGridBench -- [--runs 10000] [--repeat 15]
var runs = 10_000;
var repeat = 15;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs") runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--repeat") repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else throw new ArgumentException($"Unknown option {args[i]}; options: --runs --repeat.");
}
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var folder = Path.Combine(Path.GetTempPath(), "finsight-grid-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var connectionString = $"Data Source={Path.Combine(folder, "finsight.db")}";
var options = new DbContextOptionsBuilder<FinSightDbContext>().UseSqlite(connectionString)
    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
await using (var db = new FinSightDbContext(options))
{
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
}
var seedClock = Stopwatch.StartNew();
var experimentId = Seed(connectionString, runs);
Console.WriteLine($"seeded {runs:N0} runs × 20 params × 10 metrics in {seedClock.Elapsed.TotalSeconds:F1} s ({Environment.ProcessorCount} cores)");

var contexts = new PooledDbContextFactory<FinSightDbContext>(options);
var query = new RunGridQuery(contexts, new ExperimentAccess(contexts, Options.Create(new AuthOptions())), TimeProvider.System);
var admin = new ClaimsPrincipal(new ClaimsIdentity(
    [new Claim(ClaimTypes.NameIdentifier, "bench-admin"), new Claim(ClaimTypes.Name, "admin@finsight.bench"), new Claim(ClaimTypes.Role, Roles.Admin)],
    authenticationType: "bench"));
var columns = new[] { "params.lr", "params.optimizer", "metrics.val_loss", "min(metrics.val_loss)", "max(metrics.m3)" }.Select(FilterField.Parse).ToList();
RunGridRequest Request(string filter = "", string? sort = null, string? search = null, int page = 0) =>
    new(experimentId) { Filter = RunFilter.Parse(filter), Sort = RunGridSort.Parse(sort), Search = search, PageIndex = page, PageSize = 50, Columns = columns };

var cases = new (string Name, Func<Task<int>> Run)[]
{
    ("page 1, newest first", async () => (await query.QueryAsync(admin, Request())).TotalCount),
    ("page 100, newest first", async () => (await query.QueryAsync(admin, Request(page: 99))).TotalCount),
    ("search 'run-12'", async () => (await query.QueryAsync(admin, Request(search: "run-12"))).TotalCount),
    ("filter metrics.val_loss < 0.5", async () => (await query.QueryAsync(admin, Request("metrics.val_loss < 0.5"))).TotalCount),
    ("filter 3 conditions (metric, param =, tag)", async () => (await query.QueryAsync(admin, Request("metrics.val_loss < 0.5 and params.optimizer = 'adam' and tags.team = 'fx'"))).TotalCount),
    ("filter params.lr < 0.001 (numeric text)", async () => (await query.QueryAsync(admin, Request("params.lr < 0.001"))).TotalCount),
    ("sort min(metrics.val_loss)", async () => (await query.QueryAsync(admin, Request(sort: "min(metrics.val_loss)"))).TotalCount),
    ("sort params.lr desc", async () => (await query.QueryAsync(admin, Request(sort: "params.lr desc"))).TotalCount),
    ("filter + sort metric", async () => (await query.QueryAsync(admin, Request("params.optimizer in ('adam', 'sgd') and max(metrics.m3) > 0.2", "metrics.val_loss"))).TotalCount),
    ("column keys (picker)", async () => (await query.ListColumnKeysAsync(admin, experimentId)).ParamKeys.Count),
    ("status counts (header)", async () => (await query.CountByStatusAsync(admin, experimentId)).Count),
    ("all rows streamed (CSV export)", async () => { var n = 0; await foreach (var _ in query.StreamAsync(admin, Request() with { PageSize = 1000 })) n++; return n; }),
};
Console.WriteLine($"{"query",-46} {"median ms",10} {"p90 ms",8}  result");
foreach (var (name, run) in cases)
{
    var result = await run();
    var times = new List<double>();
    for (var i = 0; i < repeat; i++)
    {
        var clock = Stopwatch.StartNew();
        await run();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{name,-46} {times[times.Count / 2],10:F1} {times[(int)(times.Count * 0.9)],8:F1}  {result:N0}");
}
SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);

static string Seed(string connectionString, int runs)
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using var transaction = connection.BeginTransaction();
    var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    Exec(connection, "INSERT INTO experiments (Name, LifecycleStage, CreationTime, LastUpdateTime) VALUES ('grid-bench', 'active', $t, $t)", ("$t", now));
    using var lastId = connection.CreateCommand();
    lastId.CommandText = "SELECT last_insert_rowid()";
    var experimentId = (long)lastId.ExecuteScalar()!;
    using var run = Prepare(connection, "INSERT INTO runs (RunId, ExperimentId, Name, Status, StartTime, EndTime, Owner, LifecycleStage) VALUES ($id, $e, $n, $s, $st, $et, $o, 'active')", "$id", "$e", "$n", "$s", "$st", "$et", "$o");
    using var param = Prepare(connection, "INSERT INTO params (RunId, Key, Value) VALUES ($r, $k, $v)", "$r", "$k", "$v");
    using var tag = Prepare(connection, "INSERT INTO tags (RunId, Key, Value) VALUES ($r, $k, $v)", "$r", "$k", "$v");
    using var series = Prepare(connection, "INSERT INTO metric_series (RunId, Key, PointCount, LatestValue, LatestStep, LatestTimestamp, MinValue, MaxValue) VALUES ($r, $k, 100, $l, 99, $t, $min, $max)", "$r", "$k", "$l", "$t", "$min", "$max");
    var random = new Random(42);
    string[] optimizers = ["adam", "sgd", "adamw", "rmsprop"];
    string[] statuses = ["FINISHED", "FINISHED", "FINISHED", "FAILED", "RUNNING"];
    for (var i = 0; i < runs; i++)
    {
        var id = Guid.NewGuid().ToString("N");
        var start = now - (runs - i) * 60_000L;
        var status = statuses[random.Next(statuses.Length)];
        Bind(run, id, experimentId, $"run-{i}", status, start, status == "RUNNING" ? null : start + random.Next(1_000, 3_600_000), $"user{i % 7}");
        Bind(param, id, "lr", (random.NextDouble() * 0.01).ToString("R", CultureInfo.InvariantCulture));
        Bind(param, id, "optimizer", optimizers[random.Next(optimizers.Length)]);
        for (var p = 2; p < 20; p++) Bind(param, id, $"p{p}", random.Next(3) == 0 ? $"v{random.Next(10)}" : random.Next(1000).ToString(CultureInfo.InvariantCulture));
        Bind(tag, id, "team", random.Next(2) == 0 ? "fx" : "rates");
        for (var m = 0; m < 10; m++)
        {
            var min = random.NextDouble();
            var max = min + random.NextDouble();
            Bind(series, id, m == 0 ? "val_loss" : $"m{m}", min + (max - min) * random.NextDouble(), now, min, max);
        }
    }
    transaction.Commit();
    return experimentId.ToString(CultureInfo.InvariantCulture);
}

static void Exec(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
{
    // CreateCommand enlists the command in the connection's open transaction.
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
    command.ExecuteNonQuery();
}

static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
{
    var command = connection.CreateCommand();
    command.CommandText = sql;
    foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
    return command;
}

static void Bind(SqliteCommand command, params object?[] values)
{
    for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    command.ExecuteNonQuery();
}
