using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Hosting;
using SalesAcademy.DrillSessions.Models;

namespace SalesAcademy.DrillSessions.Services;

/// <summary>An upload as it arrives: the name the client declared and a way to read its bytes.</summary>
public sealed record IncomingFile(string? Name, long Length, Func<Stream> Open);

/// <summary>A checked file, ready to be stored: its cleaned name, sniffed kind and bytes.</summary>
public sealed record CheckedFile(string Name, FileKind Kind, byte[] Bytes);

/// <summary>
/// Checks and keeps drill-session attachments. A file is refused, with the reason, when its name is not a plain file name
/// (folders, "..", absolute paths, control characters), when it is larger than <c>DrillSessions:MaxAttachmentBytes</c>, when its
/// extension is not an allowed type, or when its bytes are not what the extension says. Accepted files go outside the web root,
/// to <c>&lt;Portal:SharedDir&gt;/drill-sessions/&lt;sessionId&gt;/&lt;random name&gt;</c>; nothing of the user's name reaches the path.
/// </summary>
public sealed class AttachmentStore(PortalOptions portal, IOptions<DrillSessionsOptions> options)
{
    public long MaxBytes => options.Value.MaxAttachmentBytes;

    /// <summary>The folder a session's files live in.</summary>
    public string SessionFolder(long sessionId) =>
        Path.Combine(Path.GetFullPath(portal.SharedDir), "drill-sessions", sessionId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The checked file, or the refused field's message (English PO msgid) and its arguments.</summary>
    public async Task<(CheckedFile? File, DrillResult? Refused)> CheckAsync(IncomingFile file, CancellationToken ct)
    {
        var name = file.Name ?? "";
        if (!IsPlainName(name)) return (null, DrillResult.Invalid("file", "File: {0} is not a plain file name (no folders, two dots, drive letters or control characters).", Shown(name)));
        if (file.Length > MaxBytes)
            return (null, DrillResult.Invalid("file", "File: {0} is {1}; the limit is {2}.", name, Size(file.Length), Size(MaxBytes)));
        if (file.Length == 0) return (null, DrillResult.Invalid("file", "File: {0} is empty.", name));
        if (FileTypes.ByName(name) is not { } claimed)
            return (null, DrillResult.Invalid("file", "File: the type of {0} is not allowed; allowed are {1}.", name, FileTypes.Extensions));
        byte[] bytes;
        await using (var stream = file.Open())
        using (var memory = new MemoryStream())
        {
            // Read at most one byte past the limit: a client that lied about the length is still refused.
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > MaxBytes) return (null, DrillResult.Invalid("file", "File: {0} is {1}; the limit is {2}.", name, Size(memory.Length), Size(MaxBytes)));
            }
            bytes = memory.ToArray();
        }
        var sniffed = FileTypes.Sniff(bytes, () => new MemoryStream(bytes, writable: false));
        if (sniffed is null || !FileTypes.Agrees(claimed, sniffed))
            return (null, DrillResult.Invalid("file", "File: the content of {0} is not a {1} file.", name, claimed.Label));
        return (new CheckedFile(name, sniffed, bytes), null);
    }

    /// <summary>Writes the file under the session's folder with a random name; returns the attachment row (not yet saved).</summary>
    public async Task<DrillAttachment> WriteAsync(long sessionId, CheckedFile file, string userId, DateTime now, CancellationToken ct)
    {
        var folder = SessionFolder(sessionId);
        Directory.CreateDirectory(folder);
        var stored = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(folder, stored);
        if (!Path.GetFullPath(path).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new InvalidOperationException("attachment path");
        await File.WriteAllBytesAsync(path, file.Bytes, ct);
        return new DrillAttachment
        {
            SessionId = sessionId, StoredName = stored, OriginalName = file.Name, MediaType = file.Kind.MediaType, Bytes = file.Bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Bytes)), UploadedByUserId = userId, CreatedUtc = now,
        };
    }

    /// <summary>Removes a written file whose row could not be saved.</summary>
    public void Delete(DrillAttachment attachment)
    {
        var path = PathOf(attachment);
        if (path is not null && File.Exists(path)) File.Delete(path);
    }

    /// <summary>The stored file's full path (null when the stored name is not one this store writes).</summary>
    public string? PathOf(DrillAttachment attachment)
    {
        if (attachment.StoredName.Length != 32 || !attachment.StoredName.All(char.IsAsciiHexDigitLower)) return null;
        return Path.Combine(SessionFolder(attachment.SessionId), attachment.StoredName);
    }

    /// <summary>A plain file name: not empty, at most 255 characters, no folder separators, "..", drive letters or control characters.</summary>
    public static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 255 && name.Trim() == name && name != "." && !name.Contains("..", StringComparison.Ordinal)
        && name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) < 0 && !name.Any(char.IsControl) && !Path.IsPathRooted(name)
        && !name.StartsWith('.');

    /// <summary>A download name any browser takes as a plain file name (letters, digits, CJK, space, . - _ ( ) kept; the rest "_").</summary>
    public static string SafeDownloadName(string name)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' ? c : '_').ToArray()).Trim('.', ' ');
        return safe.Length == 0 ? "attachment" : safe;
    }

    private static string Shown(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).Take(100).ToArray());

    /// <summary>A size exactly and readably, e.g. 10,485,761 bytes (10 MB).</summary>
    public static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes"
        + (bytes >= DrillSessionsOptions.Megabyte ? " (" + (bytes / (double)DrillSessionsOptions.Megabyte).ToString("0.##", CultureInfo.InvariantCulture) + " MB)"
        : bytes >= 1024 ? " (" + (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB)" : "");
}
