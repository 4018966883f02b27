namespace SalesAcademy.Content.Models;

/// <summary>Where an item stands with its verification, as owners and trainers are told (readers only see "verified on …").</summary>
public static class VerificationState
{
    /// <summary>How long before the due date an item counts as "due for review".</summary>
    public static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(14);

    public enum Kind { None, Verified, DueSoon, Overdue, NotVerified }

    public static Kind Of(OwnershipPart ownership, DateTime nowUtc) => ownership.DueUtc switch
    {
        null => Kind.NotVerified,
        { } due when due <= nowUtc => Kind.Overdue,
        { } due when due - nowUtc <= DueSoonWindow => Kind.DueSoon,
        _ => Kind.Verified,
    };
}

/// <summary>Owners that are not a single person: the seed content belongs to the training team (<c>owner: training-team</c>).</summary>
public static class ContentOwners
{
    public const string TrainingTeam = "training-team";

    public static bool IsTrainingTeam(string? owner) => string.Equals(owner, TrainingTeam, StringComparison.OrdinalIgnoreCase);

    /// <summary>The actor the content importer saves versions as (<c>content-import</c>); pages say "Content import".</summary>
    public static bool IsContentImport(string? actor) => string.Equals(actor, Import.ContentImporter.ImportUser, StringComparison.OrdinalIgnoreCase);
}
