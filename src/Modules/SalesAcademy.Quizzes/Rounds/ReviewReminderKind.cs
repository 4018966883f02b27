using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Data;

namespace SalesAcademy.Quizzes.Rounds;

/// <summary>
/// The review-reminder cycle kind (daily; no settings): each member of the target teams with review cards due is told
/// how many, at most once a day (a <see cref="ReviewReminder"/> row per member and day, in the cycle's time zone;
/// the notice is keyed <c>review-reminder:{day}</c>). Members with nothing due are not told.
/// </summary>
public sealed class ReviewReminderKind(QuizzesDbContext db, ITeamDirectory teams, IUserDirectory users, IUserNotifications notifications,
    DatabaseWriteGate writes, TimeProvider clock) : ICycleKind
{
    public const string KindKey = "review-reminder";
    public const string DueNotice = "review-reminder.due";

    public string Key => KindKey;
    public string Name => "Review reminder";
    public string? DefaultCron => "0 9 * * *"; // daily by default

    public async Task<CyclePhaseResult> RunAsync(CycleRunContext run, CancellationToken ct)
    {
        if (run.Phase != CyclePhase.Open) return new CyclePhaseResult();
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await QuizRounds.ZoneAsync(run, teams, ct);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));

        var memberIds = (await teams.MemberIdsAsync(run.TeamIds)).Distinct().ToList();
        var due = await db.ReviewCards.AsNoTracking()
            .Where(c => memberIds.Contains(c.UserId) && c.State != CardState.Suspended && c.DueUtc <= now)
            .GroupBy(c => c.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        var told = (await db.ReviewReminders.AsNoTracking().Where(r => r.Day == day && due.Keys.Contains(r.UserId)).Select(r => r.UserId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var names = await users.ByIdsAsync(due.Keys.Where(u => !told.Contains(u)).ToList(), ct);
        var toTell = names.Keys.ToList();
        if (toTell.Count == 0) return new CyclePhaseResult(memberIds.Count, 0);

        // One call per distinct count; told first, then recorded (at least once: the key makes a repeat a no-op).
        foreach (var group in toTell.GroupBy(u => due[u]))
            await notifications.NotifyAsync(group.Select(u => names[u].UserName).ToList(), new Notice(DueNotice,
                group.Key == 1 ? "You have 1 question due in your daily review." : "You have {0} questions due in your daily review.",
                group.Key == 1 ? [] : [group.Key.ToString(CultureInfo.InvariantCulture)], "/daily-review")
                { Key = $"review-reminder:{day:yyyy-MM-dd}" }, ct);
        db.ReviewReminders.AddRange(toTell.Select(u => new ReviewReminder { UserId = u, Day = day, Due = due[u], RunId = run.RunId, SentUtc = now }));
        try
        {
            using (await writes.EnterAsync(ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another run recorded some of them the same day (two cycles for overlapping teams): they were told once anyway.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return new CyclePhaseResult(memberIds.Count, toTell.Count);
    }
}
