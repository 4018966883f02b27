using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Pages.Questions;

/// <summary>
/// GIFT import for trainers (quizzes.manage and content.edit.own/any; 404 otherwise): paste the text or upload a file, pick
/// tags, draft or published; the page shows every imported question and every refused one by line.
/// </summary>
[Authorize(Policy = "perm:" + QuizPermissions.Manage)]
[RequestSizeLimit(4 * 1024 * 1024)]
public sealed class ImportModel(QuestionBankAccess access, GiftImporter importer, PublishedContent published) : PageModel
{
    [BindProperty] public string? Gift { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public List<string> Tags { get; set; } = [];
    [BindProperty] public bool Publish { get; set; }

    public GiftImportReport? Report { get; private set; }
    public IReadOnlyList<ContentFieldError> Errors { get; private set; } = [];
    public TaxonomySnapshot Taxonomy { get; private set; } = null!;
    public bool CanPublish { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await access.CanImportAsync(User)) return NotFound();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.CanImportAsync(User)) return NotFound();
        await LoadAsync();
        if (Publish && !CanPublish) return NotFound();
        var errors = new List<ContentFieldError>();
        var text = Gift ?? "";
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > GiftImporter.MaxLength * 3L) errors.Add(new("file", $"is larger than {GiftImporter.MaxLength * 3L / 1024 / 1024} MB"));
            else
            {
                using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                text = await reader.ReadToEndAsync(ct);
            }
        }
        if (errors.Count == 0 && string.IsNullOrWhiteSpace(text)) errors.Add(new("gift", "paste GIFT text or choose a file"));
        Tags = Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().ToList();
        errors.AddRange(await importer.CheckTagsAsync(Tags, ct));
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Report = await importer.ImportAsync(text, Tags, Publish, User.UserName(), ct);
        Gift = text;
        return Page();
    }

    private async Task LoadAsync()
    {
        Taxonomy = await published.TaxonomyAsync();
        CanPublish = await access.CanPublishAsync(User);
    }
}
