using SalesAcademy.Accounts;
using SalesAcademy.Audit;
using SalesAcademy.CaseLibrary;
using SalesAcademy.Comments;
using SalesAcademy.Content;
using SalesAcademy.Core.Modules;
using SalesAcademy.Drills;
using SalesAcademy.DrillSessions;
using SalesAcademy.Improvement;
using SalesAcademy.Insights;
using SalesAcademy.Markdown;
using SalesAcademy.Notifications;
using SalesAcademy.Playbooks;
using SalesAcademy.Pulses;
using SalesAcademy.Quizzes;
using SalesAcademy.Retros;
using SalesAcademy.Scheduling;
using SalesAcademy.Search;
using SalesAcademy.Teams;
using SalesAcademy.Theme;

namespace SalesAcademy.Portal;

/// <summary>The modules this portal runs, listed explicitly (the catalog orders them by dependency).</summary>
public static class PortalModules
{
    public static PortalModule[] All() =>
    [
        new HostModule(),
        new ThemeModule(),
        new AccountsModule(),
        new TeamsModule(),
        new AuditModule(),
        new MarkdownModule(),
        new ContentModule(),
        new CaseLibraryModule(),
        new PlaybooksModule(),
        new DrillsModule(),
        new NotificationsModule(),
        new CommentsModule(),
        new SearchModule(),
        new QuizzesModule(),
        new SchedulingModule(),
        new RetrosModule(),
        new PulsesModule(),
        new DrillSessionsModule(),
        new ImprovementModule(),
        new InsightsModule(),
    ];
}
