using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>One imported question: its new id, the line it started on in the GIFT text, and its title.</summary>
public sealed record GiftImported(string Id, int Line, string Title);

/// <summary>A question of the GIFT text that is already in the bank: same kind, stem and answers as <paramref name="ExistingId"/>.</summary>
public sealed record GiftDuplicate(int Line, string Title, string ExistingId, string ExistingTitle);

/// <summary>What to do with questions already in the bank (<see cref="GiftDuplicate"/>).</summary>
public enum GiftDuplicates
{
    /// <summary>Import nothing and list them, so the importer decides (the import page's first post).</summary>
    Ask,
    /// <summary>Import them again as new questions.</summary>
    Import,
    /// <summary>Import only the questions not in the bank yet.</summary>
    Skip,
}

/// <summary>What an import did: the questions saved, every question refused (by line) and the warnings; the questions
/// found in the bank already (asked about, or skipped).</summary>
public sealed class GiftImportReport
{
    public List<GiftImported> Imported { get; init; } = [];
    public List<GiftProblem> Errors { get; init; } = [];
    public List<GiftProblem> Warnings { get; init; } = [];
    public List<GiftDuplicate> Duplicates { get; init; } = [];
    /// <summary>True when nothing was imported because the text repeats questions in the bank and the importer was asked first.</summary>
    public bool AwaitingDecision { get; init; }
    /// <summary>While <see cref="AwaitingDecision"/>: how many questions are not in the bank yet ("skip the duplicates" imports them).</summary>
    public int New { get; init; }
}

/// <summary>
/// Imports GIFT text into the question bank through <see cref="ContentManager"/>, so every question is a versioned item and
/// the content change log stays complete. Each good question is saved on its own (a refused one never stops the others),
/// owned by the importing user, as a draft unless <c>publish</c> is asked for, with the chosen tags; a <c>$CATEGORY:</c>
/// whose last part is a tag key or label adds that tag, any other category is ignored with a warning.
/// </summary>
public sealed class GiftImporter(ContentManager manager, ContentEditing editing, PublishedContent published)
{
    /// <summary>At most this many characters of GIFT per import (about 2,000 questions).</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>
    /// Text decoded from UTF-8 holds no NUL, no replacement character (bytes that are not UTF-8) and no control
    /// characters but tab, line and page breaks: a PNG's signature alone fails (ASVS 5.2.2: the content, not the name).
    /// </summary>
    public static bool LooksLikeText(string text) =>
        !text.AsSpan().ContainsAny(NotText);

    private static readonly System.Buffers.SearchValues<char> NotText = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 32).Select(c => (char)c).Where(c => c is not ('\t' or '\n' or '\r' or '\f')).Append('\x7f').Append('\uFFFD').ToArray());

    /// <summary>Checks the chosen tags against the taxonomy; errors name <c>tags[i]</c>.</summary>
    public async Task<List<ContentFieldError>> CheckTagsAsync(IReadOnlyList<string> tags, CancellationToken ct = default)
    {
        var probe = manager.New(QuizzesModule.QuestionType, "tag-check");
        probe.Apply(new TagsPart { Tags = [.. tags] });
        return await editing.CheckLinksAsync(probe, ct);
    }

    /// <param name="tags">Tag keys given to every imported question (checked by <see cref="CheckTagsAsync"/> first).</param>
    /// <param name="duplicates">What to do with questions whose kind, stem and answers are already in the bank (any version state).</param>
    public async Task<GiftImportReport> ImportAsync(string gift, IReadOnlyList<string> tags, bool publish, string user, CancellationToken ct = default,
        GiftDuplicates duplicates = GiftDuplicates.Import)
    {
        var report = new GiftImportReport();
        if (gift.Length > MaxLength)
        {
            report.Errors.Add(new GiftProblem(1, $"the text is longer than {MaxLength:N0} characters; split it into several imports"));
            return report;
        }
        if (!LooksLikeText(gift))
        {
            report.Errors.Add(new GiftProblem(1, "this is not a text file: GIFT is plain UTF-8 text (a picture, a PDF or a Word file cannot be imported)"));
            return report;
        }
        var parsed = GiftParser.Parse(gift);
        report.Errors.AddRange(parsed.Errors);
        report.Warnings.AddRange(parsed.Warnings);
        var taxonomy = await published.TaxonomyAsync();
        var warnedCategories = new HashSet<string>(StringComparer.Ordinal);

        var bank = new Dictionary<string, ContentItem>(StringComparer.Ordinal);
        foreach (var existing in await manager.ListLatestAsync(QuizzesModule.QuestionType, ct))
            bank.TryAdd(Fingerprint(existing.As<MarkdownBodyPart>().Markdown, existing.As<QuestionPart>()), existing);
        var repeated = new HashSet<GiftQuestion>();
        foreach (var question in parsed.Questions)
            if (bank.TryGetValue(Fingerprint(question.Stem, question.Part), out var existing))
            {
                repeated.Add(question);
                report.Duplicates.Add(new GiftDuplicate(question.Line, question.Title, existing.ContentItemId, existing.DisplayText));
            }
        if (repeated.Count > 0 && duplicates == GiftDuplicates.Ask)
            return new GiftImportReport { Errors = report.Errors, Warnings = report.Warnings, Duplicates = report.Duplicates, AwaitingDecision = true,
                New = parsed.Questions.Count - repeated.Count };
        if (duplicates == GiftDuplicates.Import) report.Duplicates.Clear(); // imported again on purpose: nothing to list

        foreach (var question in parsed.Questions)
        {
            if (duplicates == GiftDuplicates.Skip && repeated.Contains(question)) continue;
            var questionTags = tags.ToList();
            if (question.Category is { Length: > 0 } category)
            {
                var last = category.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
                var term = taxonomy.Tags.FirstOrDefault(t => t.Key == last) ?? taxonomy.Tags.FirstOrDefault(t =>
                    string.Equals(t.NameZh, last, StringComparison.OrdinalIgnoreCase) || string.Equals(t.NameEn, last, StringComparison.OrdinalIgnoreCase));
                if (term is not null) { if (!questionTags.Contains(term.Key)) questionTags.Add(term.Key); }
                else if (warnedCategories.Add(category))
                    report.Warnings.Add(GiftProblem.Of(question.Line, "tags", "the category “{0}” is not a tag in the taxonomy; it was ignored", category));
            }

            var id = ContentIds.New();
            var item = manager.New(QuizzesModule.QuestionType, id);
            item.Culture = question.Culture;
            item.Apply(new TitlePart { Title = question.Title })
                .Apply(new RoutePart { Slug = "q-" + id })
                .Apply(new MarkdownBodyPart { Markdown = question.Stem })
                .Apply(new TagsPart { Tags = questionTags })
                .Apply(new OwnershipPart { Owner = user })
                .Apply(question.Part);
            try
            {
                await manager.CreateAsync(item, user, publish, ct);
                report.Imported.Add(new GiftImported(id, question.Line, question.Title));
            }
            catch (ContentValidationException ex)
            {
                foreach (var error in ex.Errors) report.Errors.Add(new GiftProblem(question.Line, error.Message, error.Field));
            }
        }
        Sort(report.Errors);
        Sort(report.Warnings);
        return report;
    }

    /// <summary>Kind, stem and answers, whitespace-normalised: two questions with the same fingerprint ask and accept the same.</summary>
    public static string Fingerprint(string? stem, QuestionPart part)
    {
        static string N(string? s) => string.Join(' ', (s ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.Join("\u001f", new[] { part.Kind, N(stem),
            string.Join("\u001e", part.Choices.Select(c => $"{N(c.Text)}={c.Correct}").Order(StringComparer.Ordinal)),
            string.Join("\u001e", part.Items.Select(N)),
            string.Join("\u001e", part.Accepted.Select(N).Order(StringComparer.Ordinal)),
            part.Answer?.ToString() ?? "" });
    }

    // Stable: the problems of one question keep their order.
    private static void Sort(List<GiftProblem> problems)
    {
        var sorted = problems.OrderBy(p => p.Line).ToList();
        problems.Clear();
        problems.AddRange(sorted);
    }
}
