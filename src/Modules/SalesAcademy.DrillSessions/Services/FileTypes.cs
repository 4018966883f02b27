using System.IO.Compression;
using System.Text;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>A kind of file a participant may upload: the extensions its name may have and the media type it is served as.</summary>
public sealed record FileKind(string Key, string Label, string MediaType, params string[] Extensions);

/// <summary>
/// Decides what an uploaded file is from its bytes (magic numbers; for Office documents the zip's entries; for text,
/// valid UTF-8 without control characters), never from its name, and checks the name's extension agrees.
/// </summary>
public static class FileTypes
{
    public static readonly FileKind Pdf = new("pdf", "PDF", "application/pdf", ".pdf");
    public static readonly FileKind Png = new("png", "PNG", "image/png", ".png");
    public static readonly FileKind Jpeg = new("jpeg", "JPEG", "image/jpeg", ".jpg", ".jpeg");
    public static readonly FileKind Gif = new("gif", "GIF", "image/gif", ".gif");
    public static readonly FileKind Docx = new("docx", "Word (docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileKind Xlsx = new("xlsx", "Excel (xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileKind Pptx = new("pptx", "PowerPoint (pptx)", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly FileKind Mp3 = new("mp3", "MP3", "audio/mpeg", ".mp3");
    public static readonly FileKind Mp4 = new("mp4", "MP4", "video/mp4", ".mp4");
    public static readonly FileKind M4a = new("m4a", "M4A", "audio/mp4", ".m4a");
    public static readonly FileKind Text = new("text", "plain text", "text/plain; charset=utf-8", ".txt", ".md");

    public static readonly IReadOnlyList<FileKind> All = [Pdf, Png, Jpeg, Gif, Docx, Xlsx, Pptx, Mp3, Mp4, M4a, Text];

    /// <summary>The allowed extensions, for messages and the file input's accept attribute.</summary>
    public static string Extensions => string.Join(", ", All.SelectMany(k => k.Extensions));

    /// <summary>The kind a file name claims (by its extension); null: not an allowed type.</summary>
    public static FileKind? ByName(string name)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return All.FirstOrDefault(k => k.Extensions.Contains(extension));
    }

    /// <summary>What the bytes are; null when they are none of the allowed kinds.</summary>
    public static FileKind? Sniff(ReadOnlySpan<byte> bytes, Func<Stream>? open = null)
    {
        if (bytes.StartsWith("%PDF-"u8)) return Pdf;
        if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return Jpeg;
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return Gif;
        if (bytes.StartsWith("PK\u0003\u0004"u8)) return open is null ? null : Office(open);
        if (bytes.StartsWith("ID3"u8) || (bytes.Length >= 2 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0 && (bytes[1] & 0x06) != 0 && (bytes[1] & 0x18) != 0x08)) return Mp3;
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
            return bytes[8..11].SequenceEqual("M4A"u8) || bytes[8..11].SequenceEqual("M4B"u8) ? M4a : Mp4;
        return IsText(bytes) ? Text : null;
    }

    /// <summary>Whether the sniffed kind is what the name says (an .m4a holding an mp4 container is accepted as m4a and vice versa).</summary>
    public static bool Agrees(FileKind claimed, FileKind sniffed) =>
        claimed == sniffed || (claimed == M4a && sniffed == Mp4) || (claimed == Mp4 && sniffed == M4a);

    private static FileKind? Office(Func<Stream> open)
    {
        try
        {
            using var zip = new ZipArchive(open(), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Docx;
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Xlsx;
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return Pptx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Valid UTF-8 (a BOM allowed) with no control characters but tab, line feed, carriage return and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return false;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            foreach (var c in text)
                if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) return false;
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
