// bench/quiz.sh drives this. Two roles:
//   setup <dataDir> <users>   creates the database (migrations), <users> reps with personal access tokens and a
//                             20-question quiz, through the portal's own services; prints the quiz id.
//   load <baseUrl> <dataDir> <quizId> <N...>
//                             for each N: N simulated reps at once each start an attempt, save 20 answers with a think
//                             time of 1-3 s between them, and submit; reports answer-save latency, errors, and the
//                             answers counted in the database afterwards (lost = saved with 200 but not stored).
//   With QUIZBENCH_POSTGRES=<connection string> in the environment, setup and load use that PostgreSQL database instead
//   of <dataDir>/portal.db (bench/quiz.sh --postgres sets it).
//   item-analysis <dataDir> [postgres connection string]
//                             how long QuizStatistics.RecomputeAsync takes for 1,000 finished first attempts × 20
//                             questions (read the marks, compute, store the snapshot), and ItemAnalysis.Analyse alone.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Accounts.Models;
using SalesAcademy.Accounts.Services;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Security;
using SalesAcademy.Portal;
using SalesAcademy.Quizzes;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

return args[0] switch
{
    "setup" => await SetupAsync(args[1], int.Parse(args[2]), Environment.GetEnvironmentVariable("QUIZBENCH_POSTGRES")),
    "load" => await LoadAsync(new Uri(args[1]), args[2], args[3], args[4..].Select(int.Parse).ToArray()),
    "item-analysis" => await ItemAnalysisAsync(args[1], args.Length > 2 ? args[2] : null),
    _ => throw new ArgumentException("setup | load"),
};

/// <summary>The portal's services on a database of its own (migrated, set up), without a web server.</summary>
static async Task<WebApplication> ServicesAsync(string dataDir, string? postgres = null)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Portal:DataDir"] = dataDir, ["Portal:ImportContentOnStart"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        ["Portal:Setup:AdminEmail"] = "bench@example.com", ["Portal:Setup:AdminPassword"] = "Bench password 2026 ok",
        ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres", ["ConnectionStrings:Portal"] = postgres ?? "",
    });
    builder.AddPortal(PortalModules.All());
    var app = builder.Build();
    await app.Services.RunStartupStepsAsync();
    return app;
}

static async Task<int> ItemAnalysisAsync(string dataDir, string? postgres)
{
    const int takers = 1000, questions = 20;
    await using var app = await ServicesAsync(dataDir, postgres);
    var quizId = "measure-" + Guid.NewGuid().ToString("N")[..8];
    var random = new Random(7);
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>();
        for (var t = 0; t < takers; t++)
        {
            var ability = random.NextDouble() * 4 - 2;
            db.Attempts.Add(new QuizAttempt
            {
                QuizItemId = quizId, QuizVersionId = "v1", UserId = $"u{t}", UserName = $"u{t}", Number = 1, State = AttemptState.Submitted,
                StartedUtc = DateTime.UtcNow, FinishedUtc = DateTime.UtcNow, MaxScore = questions,
                Questions = Enumerable.Range(0, questions).Select(q => new AttemptQuestion
                {
                    Slot = q, QuestionItemId = $"{quizId}-q{q}", QuestionVersionId = "v1", Points = 1,
                    Fraction = random.NextDouble() < 1 / (1 + Math.Exp(-(ability - (q - 10) / 5.0))) ? 1 : 0,
                }).ToList(),
            });
        }
        await db.SaveChangesAsync();
    }
    var times = new List<double>();
    QuizStatisticsReport? report = null;
    for (var run = 0; run < 6; run++)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        report = await scope.ServiceProvider.GetRequiredService<QuizStatistics>().RecomputeAsync(quizId);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    Check(report!.Attempts == takers && report.Questions.Count == questions, "every attempt and question counted");
    var marks = report.Questions.Count; // computation alone, on the marks held in memory
    List<AttemptScores> inMemory;
    await using (var scope = app.Services.CreateAsyncScope())
        inMemory = scope.ServiceProvider.GetRequiredService<QuizzesDbContext>().Attempts.Where(a => a.QuizItemId == quizId).Select(a => new { a.Id, a.Questions }).AsEnumerable()
            .Select(a => new AttemptScores(a.Id, a.Questions.Select(q => new ItemScore(q.QuestionItemId, q.Slot, q.Fraction ?? 0, q.Points)).ToList())).ToList();
    var compute = new List<double>();
    for (var run = 0; run < 30; run++)
    {
        var clock = Stopwatch.StartNew();
        ItemAnalysis.Analyse(quizId, inMemory, DateTime.UtcNow);
        compute.Add(clock.Elapsed.TotalMilliseconds);
    }
    var steady = times.Skip(1).Order().ToList();
    var provider = postgres is null ? "SQLite" : "PostgreSQL";
    Console.WriteLine($"[{provider}] RecomputeAsync, {takers} first attempts × {marks} questions: first {times[0]:F0} ms, then median {steady[steady.Count / 2]:F0} ms "
        + $"(min {steady[0]:F0}, max {steady[^1]:F0}) over {steady.Count} runs; ItemAnalysis.Analyse alone: median {compute.Order().ElementAt(15):F1} ms; "
        + $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    return 0;
}

static async Task<int> SetupAsync(string dataDir, int users, string? postgres)
{
    await using var app = await ServicesAsync(dataDir, string.IsNullOrEmpty(postgres) ? null : postgres);
    await using var scope = app.Services.CreateAsyncScope();
    var userManager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
    var tokens = scope.ServiceProvider.GetRequiredService<AccessTokens>();
    await using (var file = File.CreateText(Path.Combine(dataDir, "tokens.txt")))
        for (var i = 0; i < users; i++)
        {
            var email = $"rep{i:D4}@bench.test";
            var user = new PortalUser { UserName = email, Email = email, DisplayName = $"Rep {i}", CreatedUtc = DateTime.UtcNow };
            Check((await userManager.CreateAsync(user, "Bench password 2026 ok")).Succeeded, "create user");
            Check((await userManager.AddToRoleAsync(user, PortalRoles.Rep)).Succeeded, "add role");
            await file.WriteLineAsync((await tokens.CreateAsync(user.Id, "bench")).Token);
        }

    var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
    var questions = new List<string>();
    for (var i = 0; i < 20; i++)
    {
        var q = manager.New(QuizzesModule.QuestionType, $"bench-q-{i}");
        q.Culture = "zh-CN";
        q.Apply(new TitlePart { Title = $"基准题 {i}" }).Apply(new RoutePart { Slug = $"bench-q-{i}" })
            .Apply(new MarkdownBodyPart { Markdown = $"铁三角中谁负责第 {i} 项工作？" }).Apply(new TagsPart()).Apply(new OwnershipPart { Owner = "bench" });
        q.Apply((i % 4) switch
        {
            0 => new QuestionPart { Kind = QuestionKinds.Single, Explanation = "见协同销售流程。", Choices = [new() { Text = "客户经理", Correct = true }, new() { Text = "交付经理" }, new() { Text = "解决方案经理" }] },
            1 => new QuestionPart { Kind = QuestionKinds.Multiple, Explanation = "见协同销售流程。", Choices = [new() { Text = "共享 CRM", Correct = true }, new() { Text = "各自表格" }, new() { Text = "周例会", Correct = true }] },
            2 => new QuestionPart { Kind = QuestionKinds.TrueFalse, Explanation = "见协同销售流程。", Answer = true },
            _ => new QuestionPart { Kind = QuestionKinds.Short, Explanation = "见协同销售流程。", Accepted = ["CRM"] },
        });
        questions.Add((await manager.CreateAsync(q, "bench", publish: true)).ContentItemId);
    }
    var quiz = manager.New(QuizzesModule.QuizType, "bench-quiz");
    quiz.Culture = "zh-CN";
    quiz.Apply(new TitlePart { Title = "基准测验" }).Apply(new RoutePart { Slug = "bench-quiz" }).Apply(new MarkdownBodyPart { Markdown = "20 题。" })
        .Apply(new TagsPart()).Apply(new OwnershipPart { Owner = "bench" })
        .Apply(new QuizPart { Questions = questions, PassMark = 60, AttemptsAllowed = 0, Shuffle = true, TimeLimitMinutes = 30 });
    Console.WriteLine((await manager.CreateAsync(quiz, "bench", publish: true)).ContentItemId);
    return 0;
}

static async Task<int> LoadAsync(Uri baseUrl, string dataDir, string quizId, int[] levels)
{
    var tokens = await File.ReadAllLinesAsync(Path.Combine(dataDir, "tokens.txt"));
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    // Warm-up (not reported): the first requests pay for JIT compilation and cold caches.
    await RunLevelAsync(http, tokens, quizId, Math.Min(20, tokens.Length), thinkMs: (200, 600));
    Console.WriteLine($"{"N",5} {"saves",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7} {"stored",7} {"lost",5} {"secs",6}  verdict");
    var best = 0;
    foreach (var n in levels)
    {
        if (n > tokens.Length) throw new ArgumentException($"only {tokens.Length} users were set up");
        var (latencies, errors, attemptIds, seconds) = await RunLevelAsync(http, tokens, quizId, n, thinkMs: (1000, 3000));
        var sorted = latencies.Order().ToArray();
        double P(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var stored = await StoredAnswersAsync(dataDir, attemptIds);
        var lost = sorted.Length - errors - stored; // every save answered 200 must be in the database
        var ok = P(0.95) < 200 && errors == 0 && stored == n * 20 && lost <= 0;
        if (ok) best = Math.Max(best, n);
        Console.WriteLine($"{n,5} {sorted.Length,7} {P(0.5),8:F1} {P(0.95),8:F1} {P(0.99),8:F1} {P(1),8:F1} {errors,7} {stored,7} {Math.Max(0, lost),5} {seconds,6:F0}  {(ok ? "ok" : "MISSED")}");
    }
    Console.WriteLine($"largest N with answer-save p95 < 200 ms, no errors and no lost answers: {best}");
    return 0;
}

/// <summary>N takers at once: start, 20 answers with a think time in <paramref name="thinkMs"/> before each, submit.</summary>
static async Task<(double[] Latencies, int Errors, long[] AttemptIds, double Seconds)> RunLevelAsync(HttpClient http, string[] tokens, string quizId, int n,
    (int Min, int Max) thinkMs)
{
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    var timeline = new System.Collections.Concurrent.ConcurrentBag<(double At, double Ms, char Kind)>();
    var errors = 0;
    var attemptIds = new System.Collections.Concurrent.ConcurrentBag<long>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
    {
        var random = new Random(i * 7919 + n);
        await Task.Delay(random.Next(0, 3000)); // arrivals spread over the first 3 s
        try
        {
            var startWatch = Stopwatch.StartNew();
            var start = await SendAsync(http, tokens[i], HttpMethod.Post, "/api/v1/attempts", new { quizId });
            timeline.Add((clock.Elapsed.TotalSeconds, startWatch.Elapsed.TotalMilliseconds, 'S'));
            if (start.Status is not (HttpStatusCode.Created or HttpStatusCode.OK)) { Failed(ref errors, i, "start", start); return; }
            var id = start.Body!["attempt"]!["id"]!.GetValue<long>();
            attemptIds.Add(id);
            var sequence = start.Body["sequence"]!.GetValue<int>();
            foreach (var question in start.Body["questions"]!.AsArray())
            {
                await Task.Delay(random.Next(thinkMs.Min, thinkMs.Max));
                // Options are named by this attempt's random ids (the API never shows authoring indexes).
                var options = question!["options"]?.AsArray().Select(o => (string)o!["id"]!).ToArray() ?? [];
                object response = (string)question["kind"]! switch
                {
                    QuestionKinds.Single => new { choice = options[random.Next(options.Length)] },
                    QuestionKinds.Multiple => new { choices = new[] { options[0], options[^1] } },
                    QuestionKinds.TrueFalse => new { value = random.Next(2) == 0 },
                    _ => new { text = "CRM" },
                };
                var watch = Stopwatch.StartNew();
                var saved = await SendAsync(http, tokens[i], HttpMethod.Put, $"/api/v1/attempts/{id}/answers/{question["slot"]}", new { sequence, response });
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                timeline.Add((clock.Elapsed.TotalSeconds, watch.Elapsed.TotalMilliseconds, 'A'));
                if (saved.Status != HttpStatusCode.OK) { Failed(ref errors, i, "save", saved); return; }
                sequence = saved.Body!["sequence"]!.GetValue<int>();
            }
            var submitted = await SendAsync(http, tokens[i], HttpMethod.Post, $"/api/v1/attempts/{id}/submit", null);
            if (submitted.Status != HttpStatusCode.OK) Failed(ref errors, i, "submit", submitted);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref errors);
            Console.Error.WriteLine($"taker {i}: {ex.GetType().Name}: {ex.Message}");
        }
    }));
    if (Environment.GetEnvironmentVariable("QUIZBENCH_TIMELINE") == "1" && n > 20) PrintTimeline(timeline);
    return (latencies.ToArray(), errors, attemptIds.ToArray(), clock.Elapsed.TotalSeconds);
}

/// <summary>QUIZBENCH_TIMELINE=1: per 5 s of the level (by when the request ended), starts and saves with their p50/p95/max.</summary>
static void PrintTimeline(IEnumerable<(double At, double Ms, char Kind)> timeline)
{
    Console.Error.WriteLine("   t  starts  p95 ms   saves  p50 ms  p95 ms  max ms");
    foreach (var window in timeline.GroupBy(x => (int)(x.At / 5) * 5).OrderBy(g => g.Key))
    {
        double Q(IEnumerable<double> v, double p) { var a = v.Order().ToArray(); return a.Length == 0 ? 0 : a[Math.Min(a.Length - 1, (int)Math.Ceiling(p * a.Length) - 1)]; }
        var starts = window.Where(x => x.Kind == 'S').Select(x => x.Ms).ToArray();
        var saves = window.Where(x => x.Kind == 'A').Select(x => x.Ms).ToArray();
        Console.Error.WriteLine($"{window.Key,4} {starts.Length,7} {Q(starts, 0.95),7:F0} {saves.Length,7} {Q(saves, 0.5),7:F1} {Q(saves, 0.95),7:F0} {Q(saves, 1),7:F0}");
    }
}

/// <summary>Counts an error; the first five are printed with their status and body, so a run that fails says why.</summary>
static void Failed(ref int errors, int taker, string step, (HttpStatusCode Status, JsonNode? Body) response)
{
    if (Interlocked.Increment(ref errors) <= 5)
        Console.Error.WriteLine($"taker {taker}: {step} answered {(int)response.Status}: {response.Body?.ToJsonString() ?? "(no JSON body)"}");
}

static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient http, string token, HttpMethod method, string url, object? body)
{
    using var request = new HttpRequestMessage(method, url);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (body is not null) request.Content = JsonContent.Create(body);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text) : null);
}

/// <summary>Answers stored for these attempts, counted straight from the SQLite file.</summary>
static async Task<int> StoredAnswersAsync(string dataDir, long[] attemptIds)
{
    if (attemptIds.Length == 0) return 0;
    var postgres = Environment.GetEnvironmentVariable("QUIZBENCH_POSTGRES");
    await using System.Data.Common.DbConnection connection = string.IsNullOrEmpty(postgres)
        ? new SqliteConnection($"Data Source={Path.Combine(dataDir, "portal.db")};Mode=ReadOnly")
        : new Npgsql.NpgsqlConnection(postgres);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = $"SELECT COUNT(*) FROM \"QuizAttemptQuestions\" WHERE \"Response\" IS NOT NULL AND \"AttemptId\" IN ({string.Join(',', attemptIds)})";
    return Convert.ToInt32(await command.ExecuteScalarAsync());
}

static void Check(bool ok, string what)
{
    if (!ok) throw new InvalidOperationException(what + " failed");
}
