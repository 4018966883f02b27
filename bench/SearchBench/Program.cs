// The search benchmark (bench/search.sh): 100,000 synthetic mixed Chinese/English documents of about 300 words,
// indexed by a full rebuild through the portal's own code (SearchDocumentFactory + SearchIndex.Rebuild, both
// analyzers, offsets, the final merge), then 1,000 random two-term queries with the top 10 highlighted, through the portal's
// SearchService and, in the same run, as a bare Lucene.Net query + Lucene's PostingsHighlighter with the same analyzers.
using System.Diagnostics;
using System.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.PostingsHighlight;
using Microsoft.Extensions.Logging.Abstractions;
using SalesAcademy.CaseLibrary.Models;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Search.Models;
using SalesAcademy.Search.Services;

var documents = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var queries = args.Length > 1 ? int.Parse(args[1]) : 1_000;
var repo = FindRepo();
var workDir = Path.Combine(Path.GetTempPath(), $"sa-search-bench-{Environment.ProcessId}");
Console.WriteLine($"# search benchmark: {documents:N0} documents, {queries:N0} queries, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

// --- vocabulary: the words SmartCn and EnglishAnalyzer find in the seed content -------------------------------
var analyzer = SearchFields.CreateAnalyzer();
var seedText = string.Join("\n", Directory.EnumerateFiles(Path.Combine(repo, "content"), "*.md", SearchOption.AllDirectories).Select(File.ReadAllText));
var zhWords = Tokens(SearchFields.TextZh, seedText).Where(w => w.Length >= 2).Distinct().ToArray();
var enWords = seedText.Split([' ', '\n', '\t', ',', '.', ';', ':', '(', ')', '"', '*', '#', '|', '-', '/', '[', ']'], StringSplitOptions.RemoveEmptyEntries)
    .Where(w => w.Length >= 3 && w.All(char.IsAsciiLetter)).Select(w => w.ToLowerInvariant()).Distinct().ToArray();
Console.WriteLine($"vocabulary: {zhWords.Length} Chinese words, {enWords.Length} English words (from content/)");

// --- documents ---------------------------------------------------------------------------------------------------
var definitions = new ContentDefinitions([new ContentTypeDefinition("CaseStudy", "Case study", "Cases", "/cases", "cases", typeof(CaseStudyPart))]);
var taxonomy = new TaxonomySnapshot(
    Enumerable.Range(0, 20).Select(i => new TaxonomyTerm { Key = $"tag-{i}", NameZh = zhWords[i * 7 % zhWords.Length], NameEn = enWords[i * 11 % enWords.Length] }).ToList(), []);
var industries = new[] { "ICT", "SaaS", "Manufacturing", "Logistics", "Finance", "Retail", "Energy", "Healthcare" };
var outcomes = new[] { "won", "lost", "ongoing" };
var random = new Random(42);
var sw = Stopwatch.StartNew();
var items = new ContentItem[documents];
var totalWords = 0L;
for (var i = 0; i < documents; i++)
{
    var chineseFirst = random.Next(2) == 0;
    var body = Text(random, 300, chineseFirst, out var words);
    totalWords += words;
    items[i] = new ContentItem
    {
        ContentItemId = $"bench-{i}", ContentItemVersionId = $"v{i}", ContentType = "CaseStudy", Published = true, Latest = true,
        Culture = chineseFirst ? "zh-CN" : "en", Slug = $"bench-{i}", PublishedUtc = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
    }
    .Apply(new TitlePart { Title = Text(random, 8, chineseFirst, out _), Summary = Text(random, 20, !chineseFirst, out _) })
    .Apply(new MarkdownBodyPart { Markdown = body })
    .Apply(new TagsPart { Tags = Enumerable.Range(0, 3).Select(_ => $"tag-{random.Next(20)}").Distinct().ToList() })
    .Apply(new CaseStudyPart
    {
        Company = $"Company {i % 5000}", Industry = industries[random.Next(industries.Length)], DealSize = "large",
        Outcome = outcomes[random.Next(outcomes.Length)], Roles = ["AccountManager", "SolutionManager"],
        Lessons = [Text(random, 12, chineseFirst, out _)],
    });
}
Console.WriteLine($"generated {documents:N0} documents, {totalWords / (double)documents:F0} body words each on average, in {sw.Elapsed.TotalSeconds:F1} s");

// --- full rebuild through the portal's code ----------------------------------------------------------------------
var factory = new SearchDocumentFactory(definitions);
if (Environment.GetEnvironmentVariable("BENCH_PROFILE") == "1")
{
    // Where one document's CPU goes, single-threaded (CPU time, so other processes on the machine do not count).
    var sample = items.Take(Math.Min(documents, 2000)).ToArray();
    TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
    void Time(string what, Action action)
    {
        action(); // warm
        var c = Cpu();
        action();
        Console.WriteLine($"profile: {what}: {(Cpu() - c).TotalMilliseconds / sample.Length:F3} ms CPU per document");
    }
    SearchDocument[] docs = [];
    Time("build (JSON, Markdown to text)", () => docs = sample.Select(i => factory.Create(i, taxonomy)).ToArray());
    void Analyse(string field, Func<SearchDocument, string> text) { foreach (var d in docs) { using var ts = analyzer.GetTokenStream(field, text(d)); ts.Reset(); while (ts.IncrementToken()) { } ts.End(); } }
    Time("text_zh (SmartCn)", () => Analyse(SearchFields.TextZh, d => d.Text));
    Time("text_en (English)", () => Analyse(SearchFields.TextEn, d => d.Text));
    Time("title and tags, both analyzers", () => { Analyse(SearchFields.TitleZh, d => d.Title); Analyse(SearchFields.TitleEn, d => d.Title); Analyse(SearchFields.TagsZh, d => d.TagText); Analyse(SearchFields.TagsEn, d => d.TagText); });
    var bare = new Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer(SearchFields.Version);
    Time("bare SmartChineseAnalyzer over the whole text", () => { foreach (var d in docs) { using var ts = bare.GetTokenStream("x", d.Text); ts.Reset(); while (ts.IncrementToken()) { } ts.End(); } });
    var dir = Path.Combine(workDir, "profile");
    using (var profileIndex = new SearchIndex(dir, analyzer))
    {
        Time("Rebuild, 1 thread (everything)", () => profileIndex.Rebuild(sample, i => factory.Create(i, taxonomy), 0, threads: 1));
        Time("Rebuild, 2 threads (everything)", () => profileIndex.Rebuild(sample, i => factory.Create(i, taxonomy), 0, threads: 2));
    }
    Directory.Delete(workDir, true);
    return;
}
GC.Collect();
// The portal's own indexing buffer (Search:RamBufferMb), unless BENCH_RAM_BUFFER_MB says otherwise.
var ramBufferMb = double.TryParse(Environment.GetEnvironmentVariable("BENCH_RAM_BUFFER_MB"), out var mb) ? mb : new SearchOptions().RamBufferMb;
using var index = new SearchIndex(workDir, analyzer, ramBufferMb);
index.WarmUp();
sw.Restart();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var loadBefore = LoadAverage();
var gcBefore = (Pause: GC.GetTotalPauseDuration(), Allocated: GC.GetTotalAllocatedBytes(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
var indexed = index.Rebuild(items, item => factory.Create(item, taxonomy), cursor: documents,
    threads: int.TryParse(Environment.GetEnvironmentVariable("BENCH_THREADS"), out var threads) ? threads : 0);
var rebuildSeconds = sw.Elapsed.TotalSeconds;
var rebuildCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
var sizeMiB = Directory.EnumerateFiles(workDir).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;
Console.WriteLine($"rebuild: {indexed:N0} documents in {rebuildSeconds:F1} s = {indexed / rebuildSeconds:N0} documents/s (target >= 1,500), indexing buffer {ramBufferMb} MB, {index.Read(s => s.IndexReader.Leaves.Count)} segments");
Console.WriteLine($"  CPU time {rebuildCpu:F1} s = {indexed / rebuildCpu:N0} documents per CPU-second, i.e. {indexed / (rebuildCpu / Environment.ProcessorCount):N0} documents/s with all {Environment.ProcessorCount} cores to itself (load average before/after: {loadBefore} / {LoadAverage()})");
Console.WriteLine($"  GC: {(GC.GetTotalAllocatedBytes() - gcBefore.Allocated) / 1e9:F1} GB allocated, paused {(GC.GetTotalPauseDuration() - gcBefore.Pause).TotalSeconds:F1} s, collections gen0/1/2: {GC.CollectionCount(0) - gcBefore.Gen0}/{GC.CollectionCount(1) - gcBefore.Gen1}/{GC.CollectionCount(2) - gcBefore.Gen2} ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
Console.WriteLine($"index size: {sizeMiB:N0} MiB ({index.DocumentCount:N0} documents)");

// Baseline in the same run: a bare single-field SmartCn index of the same text (stored, no term vectors), 2 threads.
if (Environment.GetEnvironmentVariable("BENCH_SKIP_BASELINE") != "1")
{
    var bareDir = Path.Combine(workDir, "bare-smartcn");
    var bareTexts = items.Select(i => i.As<TitlePart>().Title + "\n" + i.As<MarkdownBodyPart>().Markdown).ToArray();
    using var directory = Lucene.Net.Store.FSDirectory.Open(bareDir);
    using var writer = new IndexWriter(directory, new IndexWriterConfig(SearchFields.Version, new Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer(SearchFields.Version)) { RAMBufferSizeMB = 256 });
    GC.Collect();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    sw.Restart();
    Parallel.ForEach(bareTexts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, text =>
        writer.AddDocument([new Lucene.Net.Documents.TextField("text", text, Lucene.Net.Documents.Field.Store.YES)]));
    writer.Commit();
    var bareSeconds = sw.Elapsed.TotalSeconds;
    var bareCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var bareMiB = Directory.EnumerateFiles(bareDir).Sum(f => new FileInfo(f).Length) / 1024.0 / 1024.0;
    Console.WriteLine($"baseline, bare single-field SmartCn index of the same text: {bareTexts.Length / bareSeconds:N0} documents/s ({bareTexts.Length / (bareCpu / Environment.ProcessorCount):N0} with the cores to itself), {bareMiB:N0} MiB");
    Console.WriteLine($"  portal rebuild / bare baseline: {(indexed / rebuildSeconds) / (bareTexts.Length / bareSeconds):F2} (documents/s), {(indexed / rebuildCpu) / (bareTexts.Length / bareCpu):F2} (documents per CPU-second)");
}
items = null!;
GC.Collect();
if (queries == 0)
{
    index.Dispose();
    Directory.Delete(workDir, recursive: true);
    return;
}

// --- queries -----------------------------------------------------------------------------------------------------
var queryRandom = new Random(7);
var texts = Enumerable.Range(0, queries).Select(_ => queryRandom.Next(3) switch
{
    0 => $"{Pick(queryRandom, zhWords)} {Pick(queryRandom, enWords)}",
    1 => $"{Pick(queryRandom, zhWords)} {Pick(queryRandom, zhWords)}",
    _ => $"{Pick(queryRandom, enWords)} {Pick(queryRandom, enWords)}",
}).ToArray();
var service = new SearchService(() => index, () => GlossaryData.Empty, () => false);
var audience = SearchAudience.PublicOnly;

// Bare Lucene: each word in either text field (same analyzers), both words required, top 10, highlighted by Lucene's
// PostingsHighlighter (offsets from the postings, as the portal's snippets) in both text fields, one passage each.
var highlighter = new BothTextFieldsHighlighter();
string[] highlightFields = [SearchFields.TextZh, SearchFields.TextEn];
BooleanQuery BareQuery(string text, string[] fields)
{
    var query = new BooleanQuery();
    foreach (var word in text.Split(' '))
    {
        var either = new BooleanQuery();
        foreach (var field in fields)
            foreach (var token in Tokens(field, word)) either.Add(new TermQuery(new Term(field, token)) { Boost = SearchFields.Boosts[field] }, Occur.SHOULD);
        if (either.Clauses.Count > 0) query.Add(either, Occur.MUST);
    }
    return query;
}
// everyCore: the same query searched as Lucene.Net does it on every core (IndexSearcher with a TaskScheduler: one
// task per segment), highlights as before; the fair comparison for the portal, which searches slices on every core.
int Bare(string text, string[] fields, bool everyCore = false)
{
    var query = BareQuery(text, fields);
    return index.Read(shared =>
    {
        var searcher = everyCore ? new IndexSearcher(shared.IndexReader, TaskScheduler.Default) : shared;
        var top = searcher.Search(query, 10);
        foreach (var hit in top.ScoreDocs) _ = searcher.Doc(hit.Doc, new HashSet<string> { SearchFields.Id, SearchFields.Title, SearchFields.Url });
        if (top.ScoreDocs.Length > 0) _ = highlighter.HighlightFields(highlightFields, query, searcher, top, [1, 1]);
        return top.TotalHits;
    });
}
int Portal(string text) => service.Search(new SearchRequest { Query = text, PageSize = 10 }, audience).Total;

// Warm up both paths, then alternate them query by query so neither gets a warmer cache.
string[] sameFields = SearchFields.QueryFields, textFields = [SearchFields.TextZh, SearchFields.TextEn];
for (var i = 0; i < Math.Min(100, texts.Length); i++) { Portal(texts[i]); Bare(texts[i], sameFields); Bare(texts[i], sameFields, everyCore: true); Bare(texts[i], textFields); }
Console.WriteLine($"load average before the queries: {LoadAverage()}");
var portalMs = new List<double>(queries);
var bareMs = new List<double>(queries);
var bareTextMs = new List<double>(queries);
var bareParallelMs = new List<double>(queries);
long portalHits = 0, bareHits = 0, bareTextHits = 0, withSnippets = 0;
foreach (var text in texts)
{
    var t = Stopwatch.GetTimestamp();
    portalHits += Portal(text);
    portalMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    t = Stopwatch.GetTimestamp();
    bareHits += Bare(text, sameFields);
    bareMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    t = Stopwatch.GetTimestamp();
    Bare(text, sameFields, everyCore: true);
    bareParallelMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    t = Stopwatch.GetTimestamp();
    bareTextHits += Bare(text, textFields);
    bareTextMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
}
foreach (var text in texts.Take(100))
    withSnippets += service.Search(new SearchRequest { Query = text, PageSize = 10 }, audience).Hits.Count(h => h.Snippet.Contains("<mark>"));

double P(List<double> ms, double p) { var sorted = ms.Order().ToList(); return sorted[(int)Math.Ceiling(p * sorted.Count) - 1]; }
Console.WriteLine($"queries: {queries:N0} random two-term queries (Chinese+English, Chinese, English), top 10 highlighted; average hits {portalHits / (double)queries:N0} (portal), {bareHits / (double)queries:N0} (bare, same fields), {bareTextHits / (double)queries:N0} (bare, text fields)");
Console.WriteLine($"  portal SearchService (query parser + glossary, audience filter, 5 facets over all hits, snippets; every core): p50 {P(portalMs, 0.50):F2} ms  p95 {P(portalMs, 0.95):F2} ms (target p95 <= 10 ms)");
Console.WriteLine($"  bare Lucene.Net, same 6 fields and boosts, same analyzers, PostingsHighlighter, one core:                 p50 {P(bareMs, 0.50):F2} ms  p95 {P(bareMs, 0.95):F2} ms");
Console.WriteLine($"  bare Lucene.Net, the same, IndexSearcher with a TaskScheduler (every core):                              p50 {P(bareParallelMs, 0.50):F2} ms  p95 {P(bareParallelMs, 0.95):F2} ms");
Console.WriteLine($"  bare Lucene.Net, the 2 text fields only (no title/tag fields), one core:                                 p50 {P(bareTextMs, 0.50):F2} ms  p95 {P(bareTextMs, 0.95):F2} ms");
Console.WriteLine($"  overhead (portal / bare, same fields, every core): p50 {P(portalMs, 0.50) / P(bareParallelMs, 0.50):F2}x  p95 {P(portalMs, 0.95) / P(bareParallelMs, 0.95):F2}x (target <= 1.3x)");
Console.WriteLine($"  overhead (portal / bare, same fields, one core):   p50 {P(portalMs, 0.50) / P(bareMs, 0.50):F2}x  p95 {P(portalMs, 0.95) / P(bareMs, 0.95):F2}x");
Console.WriteLine($"  snippets with a highlight among the first 100 queries' hits: {withSnippets}");

index.Dispose();
Directory.Delete(workDir, recursive: true);
return;

IEnumerable<string> Tokens(string field, string text)
{
    using var stream = analyzer.GetTokenStream(field, text);
    var term = stream.AddAttribute<ICharTermAttribute>();
    stream.Reset();
    var list = new List<string>();
    while (stream.IncrementToken()) list.Add(term.ToString());
    stream.End();
    return list;
}

// Zipf-like: a few words are common, most are rare (as in real text).
string Pick(Random r, string[] words) => words[(int)(Math.Pow(r.NextDouble(), 2.5) * words.Length)];

string Text(Random r, int count, bool chineseFirst, out int words)
{
    var sb = new StringBuilder();
    words = 0;
    while (words < count)
    {
        // Runs of 4-12 words in one language; about 60% in the document's main language.
        var chinese = r.NextDouble() < 0.6 ? chineseFirst : !chineseFirst;
        var run = Math.Min(r.Next(4, 13), count - words);
        for (var k = 0; k < run; k++)
        {
            if (chinese) sb.Append(Pick(r, zhWords));
            else sb.Append(Pick(r, enWords)).Append(' ');
        }
        sb.Append(chinese ? "。" : ". ");
        words += run;
    }
    return sb.ToString();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "SalesAcademy.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the repository");
}

/// <summary>Lucene's PostingsHighlighter reading both text fields' offsets against the one stored text (text_zh).</summary>
sealed class BothTextFieldsHighlighter : ICUPostingsHighlighter
{
    private static readonly ISet<string> Text = new HashSet<string> { SearchFields.TextZh };

    protected override IList<string[]> LoadFieldValues(IndexSearcher searcher, string[] fields, int[] docids, int maxLength)
    {
        var texts = docids.Select(d => searcher.Doc(d, Text).Get(SearchFields.TextZh) ?? "").Select(t => t.Length > maxLength ? t[..maxLength] : t).ToArray();
        return fields.Select(_ => texts).ToList();
    }
}
