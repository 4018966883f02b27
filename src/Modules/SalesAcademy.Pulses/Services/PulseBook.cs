using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Pulses.Data;
using SalesAcademy.Pulses.Models;

namespace SalesAcademy.Pulses.Services;

/// <summary>What came of an answer.</summary>
public enum AnswerOutcome { Saved, Replaced, NotFound, NotMember, Closed, Invalid }

/// <summary>A pulse with its pinned pack version (null when that version is gone).</summary>
public sealed record PulseView(Pulse Pulse, string TeamName, ContentItem? Pack, int Respondents, bool Open)
{
    public PulsePackPart? Part => Pack?.As<PulsePackPart>();
}

/// <summary>Answers to one statement: how many gave each value 1..5, and the mean.</summary>
public sealed record StatementResult(string Key, string Zh, string En, int[] Counts, double Mean);

/// <summary>A dimension's mean and distribution (counts of 1..5) over all its statements' answers.</summary>
public sealed record DimensionResult(string Key, string Zh, string En, int[] Counts, double Mean, IReadOnlyList<StatementResult> Statements);

/// <summary>A pulse's results, or why there are none (too few respondents).</summary>
public sealed record PulseResults(long PulseId, int Respondents, int Minimum, IReadOnlyList<DimensionResult>? Dimensions)
{
    public bool Shown => Dimensions is not null;
}

/// <summary>One pulse in a team's trend: when it opened and each dimension's mean (only pulses with enough respondents).</summary>
public sealed record TrendPoint(long PulseId, DateTime OpenedUtc, int PackVersionNumber, int Respondents, IReadOnlyDictionary<string, double> Means);

/// <summary>A team's trend for one pack: dimensions (in the newest version's order and names) and the points, oldest first.</summary>
public sealed record PulseTrend(string PackItemId, string PackTitle, IReadOnlyList<PulseDimension> Dimensions, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// The only writer of pulses: opens one per team and run (pins the pack version, tells the members), takes answers
/// without the person in them, closes pulses (destroys the secret, the tags and the participation set) and computes
/// results only when enough distinct people answered. Pages, the API and the cycle kind all go through it.
/// </summary>
public sealed class PulseBook(PulsesDbContext db, ContentManager content, PublishedContent published, ITeamDirectory teams,
    IUserDirectory users, IUserNotifications notifications, DatabaseWriteGate writes, IOptions<PulseOptions> options, TimeProvider clock)
{
    public const int MinValue = 1, MaxValue = 5;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public int MinRespondents => options.Value.MinRespondents;

    public static string Me(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    /// <summary>The published pack a setting names, by content item id or slug; null when there is none.</summary>
    public async Task<ContentItem?> PackAsync(string? idOrSlug)
    {
        if (string.IsNullOrWhiteSpace(idOrSlug)) return null;
        var value = idOrSlug.Trim();
        return await published.ByIdAsync(value) is { ContentType: PulsesModule.PackType } byId ? byId
            : await published.BySlugAsync(PulsesModule.PackType, value);
    }

    // ---- access --------------------------------------------------------------------------------------------------

    /// <summary>The team's members (leads included), trainers and administrators (teams.viewall); nobody else.</summary>
    public Task<bool> MaySeeAsync(ClaimsPrincipal user, string teamId) => teams.CanSeeTeamDataAsync(user, teamId);

    public async Task<bool> IsMemberAsync(string userId, string teamId) =>
        !string.IsNullOrEmpty(userId) && (await teams.TeamsOfAsync(userId)).Any(t => t.TeamId == teamId);

    /// <summary>The pulse if the user may see it; null otherwise (a missing pulse and a hidden one look the same).</summary>
    public async Task<PulseView?> VisibleAsync(ClaimsPrincipal user, long pulseId, CancellationToken ct = default)
    {
        var pulse = await db.Pulses.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pulseId, ct);
        if (pulse is null || !await MaySeeAsync(user, pulse.TeamId)) return null;
        return await ViewAsync(pulse, ct);
    }

    private async Task<PulseView> ViewAsync(Pulse pulse, CancellationToken ct)
    {
        var pack = await content.GetVersionAsync(pulse.PackVersionId, ct);
        var name = (await teams.AllTeamsAsync(ct)).FirstOrDefault(t => t.Id == pulse.TeamId)?.Name ?? pulse.TeamId;
        return new PulseView(pulse, name, pack, await RespondentsAsync(pulse, ct), pulse.IsOpenAt(Now));
    }

    private async Task<int> RespondentsAsync(Pulse pulse, CancellationToken ct) =>
        pulse.ClosedUtc is null ? await db.Participation.CountAsync(p => p.PulseId == pulse.Id, ct) : pulse.Respondents;

    /// <summary>The team's pulses, newest first.</summary>
    public async Task<IReadOnlyList<PulseView>> ForTeamAsync(string teamId, CancellationToken ct = default)
    {
        var pulses = await db.Pulses.AsNoTracking().Where(p => p.TeamId == teamId).OrderByDescending(p => p.OpenedUtc).ThenByDescending(p => p.Id).ToListAsync(ct);
        var views = new List<PulseView>();
        foreach (var pulse in pulses) views.Add(await ViewAsync(pulse, ct));
        return views;
    }

    /// <summary>Whether this user has answered the pulse (only while it is open; afterwards nobody can tell).</summary>
    public async Task<bool> HasAnsweredAsync(long pulseId, string userId, CancellationToken ct = default) =>
        await db.Participation.AnyAsync(p => p.PulseId == pulseId && p.UserId == userId, ct);

    /// <summary>The user's own answers to an open pulse (statement key → value), found through their tag; none once closed.</summary>
    public async Task<IReadOnlyDictionary<string, int>> OwnAnswersAsync(Pulse pulse, string userId, CancellationToken ct = default)
    {
        if (pulse.Secret is null || string.IsNullOrEmpty(userId)) return new Dictionary<string, int>();
        var tag = Tag(pulse.Secret, userId);
        return await db.Answers.AsNoTracking().Where(a => a.PulseId == pulse.Id && a.Tag == tag).ToDictionaryAsync(a => a.StatementKey, a => a.Value, ct);
    }

    internal static string Tag(byte[] secret, string userId) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(userId)));

    // ---- open ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Opens the run's pulse for each of its teams on the pack's published version (once per run and team) and tells
    /// the members (keyed per run and team). Returns how many members were asked.
    /// </summary>
    public async Task<int> OpenAsync(CycleRunContext run, ContentItem pack, CancellationToken ct)
    {
        var closes = run.ClosesUtc ?? run.ScheduledUtc.AddDays(options.Value.DefaultOpenDays);
        var asked = 0;
        foreach (var teamId in run.TeamIds.Distinct(StringComparer.Ordinal))
        {
            var pulse = await db.Pulses.AsNoTracking().FirstOrDefaultAsync(p => p.RunId == run.RunId && p.TeamId == teamId, ct);
            if (pulse is null)
            {
                pulse = new Pulse
                {
                    CycleId = run.CycleId, RunId = run.RunId, TeamId = teamId, PackItemId = pack.ContentItemId,
                    PackVersionId = pack.ContentItemVersionId, PackVersionNumber = pack.Number, OpenedUtc = run.ScheduledUtc, ClosesUtc = closes,
                    Secret = RandomNumberGenerator.GetBytes(32),
                };
                db.Pulses.Add(pulse);
                try
                {
                    using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another node opened it meanwhile (unique run + team): use theirs.
                    db.ChangeTracker.Clear();
                    pulse = await db.Pulses.AsNoTracking().FirstAsync(p => p.RunId == run.RunId && p.TeamId == teamId, ct);
                }
                db.ChangeTracker.Clear();
            }
            var memberIds = await teams.MemberIdsAsync([teamId]);
            var known = await users.ByIdsAsync(memberIds.ToList(), ct);
            var recipients = known.Values.Select(u => u.UserName).ToList();
            asked += recipients.Count;
            if (recipients.Count == 0) continue;
            await notifications.NotifyAsync(recipients, new Notice(PulsesModule.OpenNotice,
                "Your team's pulse is open: {0}. It takes five minutes and your answers are anonymous.", [pack.DisplayText], $"/pulses/{pulse.Id}")
                { Key = $"cycle-run:{run.RunId}:pulse:{teamId}" }, ct);
        }
        return asked;
    }

    /// <summary>
    /// The cycle's reminder: tells the members who have not answered the run's open pulses yet (the participation set says
    /// who has, until the pulse closes), keyed per run, team and reminder offset. Only the member learns they were
    /// reminded; nobody sees who was. Returns how many were reminded.
    /// </summary>
    public async Task<int> RemindAsync(CycleRunContext run, CancellationToken ct)
    {
        var reminded = 0;
        foreach (var pulse in await db.Pulses.AsNoTracking().Where(p => p.RunId == run.RunId && p.ClosedUtc == null).ToListAsync(ct))
        {
            var answered = (await db.Participation.AsNoTracking().Where(p => p.PulseId == pulse.Id).Select(p => p.UserId).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            var waiting = (await teams.MemberIdsAsync([pulse.TeamId])).Where(id => !answered.Contains(id)).ToList();
            var recipients = (await users.ByIdsAsync(waiting, ct)).Values.Select(u => u.UserName).ToList();
            if (recipients.Count == 0) continue;
            reminded += recipients.Count;
            var pack = await published.ByIdAsync(pulse.PackItemId);
            await notifications.NotifyAsync(recipients, new Notice(PulsesModule.ReminderNotice,
                "Your team's pulse {0} is still open and waits for your answers. It closes {1} (UTC); your answers are anonymous.",
                [pack?.DisplayText ?? "", pulse.ClosesUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], $"/pulses/{pulse.Id}")
                { Key = $"cycle-run:{run.RunId}:pulse:{pulse.TeamId}:remind:{(long)(run.ReminderBefore ?? TimeSpan.Zero).TotalMinutes}" }, ct);
        }
        return reminded;
    }

    // ---- answer --------------------------------------------------------------------------------------------------

    /// <summary>
    /// Takes a member's answers (statement key → 1..5, every statement of the pinned version). A first answer adds the
    /// member to the participation set; a later one, while open, replaces their answers (found by tag). Nothing written
    /// names the member next to an answer.
    /// </summary>
    public async Task<(AnswerOutcome Outcome, IReadOnlyList<(string Field, string Message)> Errors)> AnswerAsync(
        ClaimsPrincipal user, long pulseId, IReadOnlyDictionary<string, int?> values, CancellationToken ct = default)
    {
        var view = await VisibleAsync(user, pulseId, ct);
        if (view is null) return (AnswerOutcome.NotFound, []);
        var me = Me(user);
        if (!await IsMemberAsync(me, view.Pulse.TeamId)) return (AnswerOutcome.NotMember, []);
        if (!view.Open || view.Pulse.Secret is null || view.Part is null) return (AnswerOutcome.Closed, []);
        var errors = new List<(string, string)>();
        var statements = view.Part.Dimensions.SelectMany(d => d.Statements.Select(s => (Dimension: d.Key, s.Key))).ToList();
        foreach (var (_, key) in statements)
            if (values.GetValueOrDefault(key) is not { } v) errors.Add((key, "Answer every statement (1 to 5)."));
            else if (v is < MinValue or > MaxValue) errors.Add((key, "An answer is a whole number from 1 to 5."));
        foreach (var unknown in values.Keys.Where(k => statements.All(s => s.Key != k))) errors.Add((unknown, "This pulse has no such statement."));
        if (errors.Count > 0) return (AnswerOutcome.Invalid, errors);

        var tag = Tag(view.Pulse.Secret, me);
        using (await writes.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var replaced = await db.Answers.Where(a => a.PulseId == pulseId && a.Tag == tag).ExecuteDeleteAsync(ct) > 0;
            var first = !await db.Participation.AnyAsync(p => p.PulseId == pulseId && p.UserId == me, ct);
            if (first) db.Participation.Add(new PulseParticipation { PulseId = pulseId, UserId = me });
            db.Answers.AddRange(statements.Select(s => new PulseAnswer
            {
                Id = Guid.NewGuid(), PulseId = pulseId, Tag = tag, PackVersionId = view.Pulse.PackVersionId,
                DimensionKey = s.Dimension, StatementKey = s.Key, Value = values[s.Key]!.Value,
            }));
            await db.SaveChangesAsync(ct);
            // Closed meanwhile (the secret is gone): nothing of this answer may stay.
            if (!await db.Pulses.AnyAsync(p => p.Id == pulseId && p.Secret != null && p.ClosedUtc == null, ct))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return (AnswerOutcome.Closed, []);
            }
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return (replaced || !first ? AnswerOutcome.Replaced : AnswerOutcome.Saved, []);
        }
    }

    // ---- close ---------------------------------------------------------------------------------------------------

    /// <summary>Closes the run's pulses. Returns (asked pulses, respondents).</summary>
    public async Task<(int Pulses, int Respondents)> CloseRunAsync(long runId, CancellationToken ct)
    {
        var ids = await db.Pulses.AsNoTracking().Where(p => p.RunId == runId).Select(p => p.Id).ToListAsync(ct);
        var respondents = 0;
        foreach (var id in ids) respondents += await CloseAsync(id, ct);
        return (ids.Count, respondents);
    }

    /// <summary>Closes every open pulse whose window has passed (the background sweep). Returns how many it closed.</summary>
    public async Task<int> CloseDueAsync(CancellationToken ct)
    {
        var now = Now;
        var due = await db.Pulses.AsNoTracking().Where(p => p.ClosedUtc == null && p.ClosesUtc <= now).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in due) await CloseAsync(id, ct);
        return due.Count;
    }

    /// <summary>
    /// Closes a pulse (idempotent): fixes the respondent count, destroys the secret, deletes the participation set and
    /// re-writes the answers in random order under new ids without tags. Returns the respondents.
    /// </summary>
    public async Task<int> CloseAsync(long pulseId, CancellationToken ct)
    {
        using (await writes.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var pulse = await db.Pulses.FirstOrDefaultAsync(p => p.Id == pulseId, ct);
            if (pulse is null) return 0;
            if (pulse.ClosedUtc is not null) return pulse.Respondents;
            pulse.Respondents = await db.Participation.CountAsync(p => p.PulseId == pulseId, ct);
            pulse.Secret = null;
            pulse.ClosedUtc = Now;
            var answers = await db.Answers.AsNoTracking().Where(a => a.PulseId == pulseId).ToListAsync(ct);
            await db.Answers.Where(a => a.PulseId == pulseId).ExecuteDeleteAsync(ct);
            await db.Participation.Where(p => p.PulseId == pulseId).ExecuteDeleteAsync(ct);
            var shuffled = answers.Select(a => new PulseAnswer
            {
                Id = Guid.NewGuid(), PulseId = a.PulseId, Tag = null, PackVersionId = a.PackVersionId,
                DimensionKey = a.DimensionKey, StatementKey = a.StatementKey, Value = a.Value,
            }).ToArray();
            RandomNumberGenerator.Shuffle<PulseAnswer>(shuffled);
            db.Answers.AddRange(shuffled);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return pulse.Respondents;
        }
    }

    // ---- results -------------------------------------------------------------------------------------------------

    /// <summary>Per dimension and statement: distribution and mean; no dimensions at all below the minimum of respondents.</summary>
    public async Task<PulseResults> ResultsAsync(PulseView view, CancellationToken ct = default)
    {
        var minimum = MinRespondents;
        if (view.Respondents < minimum || view.Part is null) return new PulseResults(view.Pulse.Id, view.Respondents, minimum, null);
        var answers = await db.Answers.AsNoTracking().Where(a => a.PulseId == view.Pulse.Id)
            .GroupBy(a => new { a.DimensionKey, a.StatementKey, a.Value }).Select(g => new { g.Key.DimensionKey, g.Key.StatementKey, g.Key.Value, Count = g.Count() })
            .ToListAsync(ct);
        var dimensions = view.Part.Dimensions.Select(d =>
        {
            var statements = d.Statements.Select(s =>
            {
                var counts = Counts(answers.Where(a => a.StatementKey == s.Key).Select(a => (a.Value, a.Count)));
                return new StatementResult(s.Key, s.Zh, s.En, counts, Mean(counts));
            }).ToList();
            var all = Counts(answers.Where(a => a.DimensionKey == d.Key).Select(a => (a.Value, a.Count)));
            return new DimensionResult(d.Key, d.Zh, d.En, all, Mean(all), statements);
        }).ToList();
        return new PulseResults(view.Pulse.Id, view.Respondents, minimum, dimensions);
    }

    /// <summary>
    /// The team's trend for a pack: each pulse with enough respondents and its dimension means. Answers are compared by
    /// dimension and statement key, so a pulse taken on an older version of the pack stays on the same line.
    /// </summary>
    public async Task<PulseTrend?> TrendAsync(string teamId, string? packItemId, CancellationToken ct = default)
    {
        var pulses = await db.Pulses.AsNoTracking().Where(p => p.TeamId == teamId).OrderBy(p => p.OpenedUtc).ThenBy(p => p.Id).ToListAsync(ct);
        if (pulses.Count == 0) return null;
        packItemId ??= pulses[^1].PackItemId;
        pulses = pulses.Where(p => p.PackItemId == packItemId).ToList();
        if (pulses.Count == 0) return null;
        var newest = await content.GetVersionAsync(pulses[^1].PackVersionId, ct);
        var current = await content.GetAsync(packItemId, VersionOptions.Published, ct) ?? newest;
        var part = current?.As<PulsePackPart>() ?? new PulsePackPart();
        var minimum = MinRespondents;
        var points = new List<TrendPoint>();
        foreach (var pulse in pulses)
        {
            var respondents = await RespondentsAsync(pulse, ct);
            if (respondents < minimum) continue;
            var means = await db.Answers.AsNoTracking().Where(a => a.PulseId == pulse.Id).GroupBy(a => a.DimensionKey)
                .Select(g => new { g.Key, Sum = g.Sum(a => a.Value), Count = g.Count() }).ToListAsync(ct);
            points.Add(new TrendPoint(pulse.Id, pulse.OpenedUtc, pulse.PackVersionNumber, respondents,
                means.ToDictionary(m => m.Key, m => Math.Round((double)m.Sum / m.Count, 2), StringComparer.Ordinal)));
        }
        // Dimensions of the current version first, then any that only older versions had.
        var dimensions = part.Dimensions.ToList();
        foreach (var key in points.SelectMany(p => p.Means.Keys).Distinct().Where(k => dimensions.All(d => d.Key != k)))
            dimensions.Add(new PulseDimension { Key = key, Zh = key, En = key });
        return new PulseTrend(packItemId, current?.DisplayText ?? packItemId, dimensions, points);
    }

    private static int[] Counts(IEnumerable<(int Value, int Count)> groups)
    {
        var counts = new int[MaxValue];
        foreach (var (value, count) in groups) if (value is >= MinValue and <= MaxValue) counts[value - 1] += count;
        return counts;
    }

    private static double Mean(int[] counts)
    {
        var n = counts.Sum();
        return n == 0 ? 0 : Math.Round(counts.Select((c, i) => c * (i + 1)).Sum() / (double)n, 2);
    }
}
