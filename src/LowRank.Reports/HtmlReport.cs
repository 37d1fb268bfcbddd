using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LowRank.IO;

namespace LowRank.Reports;

/// <summary>
/// A self-contained static report — title, sections, paragraphs, tables, figures and code — saved as one HTML file
/// with inline CSS (no scripts, no external resources) and renderable as Markdown for README snippets.
/// </summary>
/// <remarks>
/// All text is HTML-escaped (Markdown-escaped in <see cref="ToMarkdown"/>). A section's introduction may use a small
/// Markdown subset: blank-line paragraphs, "- " bullets, <c>`code`</c>, <c>**bold**</c> and <c>[text](url)</c>
/// links (http, https or relative only). Figures are referenced by a path relative to the report file; when the PNG
/// exists at save time its width and height are written into the <c>img</c> tag, and CSS keeps it within the page
/// width. With three or more sections the report starts with a table of contents.
/// </remarks>
public sealed class HtmlReport
{
    private readonly List<Block> blocks = [];
    private readonly HashSet<string> ids = [];
    private readonly List<(string Id, string Heading)> sections = [];

    public HtmlReport(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    public string Title { get; }

    /// <summary>Starts a section with a heading and an optional Markdown-ish introduction.</summary>
    public HtmlReport AddSection(string heading, string? introMarkdownish = null)
    {
        ArgumentNullException.ThrowIfNull(heading);
        string id = UniqueId(heading);
        sections.Add((id, heading));
        blocks.Add(new Heading(heading, id));
        if (!string.IsNullOrWhiteSpace(introMarkdownish)) blocks.Add(new Markdownish(introMarkdownish));
        return this;
    }

    /// <summary>
    /// Appends every section and block of <paramref name="other"/> (its title is dropped), e.g. parts built separately
    /// and assembled behind a summary that could only be written once they were done. Heading ids stay unique.
    /// </summary>
    public HtmlReport Append(HtmlReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this)) throw new ArgumentException("a report cannot be appended to itself", nameof(other));
        foreach (var block in other.blocks)
        {
            if (block is Heading h) AddSection(h.Text);
            else blocks.Add(block);
        }
        return this;
    }

    /// <summary>A paragraph of plain text (escaped; no markup is interpreted).</summary>
    public HtmlReport AddParagraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        blocks.Add(new Paragraph(text));
        return this;
    }

    /// <summary>A table; every row must have as many cells as the header. Numeric columns are right-aligned.</summary>
    public HtmlReport AddTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        if (header.Count == 0) throw new ArgumentException("a table needs at least one column", nameof(header));
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Count != header.Count)
                throw new ArgumentException($"table row {r} has {rows[r].Count} cells, the header has {header.Count}", nameof(rows));
        }
        var numeric = Enumerable.Range(0, header.Count)
            .Select(c => rows.Count > 0 && rows.All(row => string.IsNullOrWhiteSpace(row[c]) || IsNumeric(row[c])))
            .ToArray();
        blocks.Add(new Table(header.ToArray(), rows.Select(r => r.ToArray()).ToArray(), numeric, caption));
        return this;
    }

    /// <summary>A PNG figure, referenced by a path relative to the saved report (e.g. <c>figures/spectrum.png</c>).</summary>
    public HtmlReport AddFigure(string relativePngPath, string caption)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePngPath);
        ArgumentNullException.ThrowIfNull(caption);
        string path = relativePngPath.Replace('\\', '/');
        if (Path.IsPathRooted(relativePngPath) || path.StartsWith('/') || path.Contains(':'))
            throw new ArgumentException($"figure path '{relativePngPath}' must be relative to the report", nameof(relativePngPath));
        blocks.Add(new Figure(path, caption));
        return this;
    }

    /// <summary>A preformatted block, e.g. the command that produced the results or its JSON output.</summary>
    public HtmlReport AddCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        blocks.Add(new Code(text));
        return this;
    }

    /// <summary>
    /// Writes the HTML atomically (temporary file, then rename). Figure sizes are read from the PNG files relative
    /// to <paramref name="path"/>'s directory, when they exist.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        byte[] html = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtml(directory));
        AtomicFile.Write(path, stream => stream.Write(html));
    }

    /// <summary>
    /// The complete HTML document. With <paramref name="figureDirectory"/>, figures found there get explicit
    /// width and height attributes.
    /// </summary>
    public string ToHtml(string? figureDirectory = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"LowRank\">\n")
            .Append("<title>").Append(Markup.Html(Title)).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Markup.Html(Title)).Append("</h1>\n");
        if (sections.Count >= 3)
        {
            html.Append("<nav aria-label=\"Contents\"><ol>\n");
            foreach (var (id, heading) in sections)
                html.Append("<li><a href=\"#").Append(Markup.Html(id)).Append("\">").Append(Markup.Html(heading)).Append("</a></li>\n");
            html.Append("</ol></nav>\n");
        }
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append("<h2 id=\"").Append(Markup.Html(h.Id)).Append("\">").Append(Markup.Html(h.Text)).Append("</h2>\n");
                    break;
                case Markdownish m:
                    html.Append(Markup.MarkdownishToHtml(m.Source));
                    break;
                case Paragraph p:
                    html.Append("<p>").Append(Markup.Html(p.Text)).Append("</p>\n");
                    break;
                case Table t:
                    AppendTable(html, t);
                    break;
                case Figure f:
                    AppendFigure(html, f, figureDirectory);
                    break;
                case Code c:
                    html.Append("<pre><code>").Append(Markup.Html(c.Text.TrimEnd('\n', '\r'))).Append("</code></pre>\n");
                    break;
            }
        }
        html.Append("</main>\n<footer>Generated by LowRank ")
            .Append(Markup.Html(typeof(HtmlReport).Assembly.GetName().Version?.ToString(3) ?? ""))
            .Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The same content as Markdown (GitHub flavour: pipe tables, fenced code), e.g. for a README.</summary>
    public string ToMarkdown()
    {
        var parts = new List<string> { "# " + Markup.MarkdownText(Title) };
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    parts.Add("## " + Markup.MarkdownText(h.Text));
                    break;
                case Markdownish m:
                    parts.Add(Markup.MarkdownishToMarkdown(m.Source));
                    break;
                case Paragraph p:
                    parts.Add(Markup.MarkdownText(p.Text));
                    break;
                case Table t:
                    parts.Add(MarkdownTable(t));
                    break;
                case Figure f:
                    parts.Add($"![{Markup.MarkdownText(f.Caption)}]({EncodePath(f.Path)})\n\n*{Markup.MarkdownText(f.Caption)}*");
                    break;
                case Code c:
                    string fence = new('`', Math.Max(3, LongestRun(c.Text, '`') + 1));
                    parts.Add($"{fence}\n{c.Text.TrimEnd('\n', '\r')}\n{fence}");
                    break;
            }
        }
        return string.Join("\n\n", parts.Where(p => p.Length > 0)) + "\n";
    }

    private static void AppendTable(StringBuilder html, Table t)
    {
        html.Append("<table>\n");
        if (!string.IsNullOrWhiteSpace(t.Caption)) html.Append("<caption>").Append(Markup.Html(t.Caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        for (int c = 0; c < t.Header.Length; c++)
            html.Append(t.Numeric[c] ? "<th class=\"num\">" : "<th>").Append(Markup.Html(t.Header[c])).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            html.Append("<tr>");
            for (int c = 0; c < row.Length; c++)
                html.Append(t.Numeric[c] ? "<td class=\"num\">" : "<td>").Append(Markup.Html(row[c])).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendFigure(StringBuilder html, Figure f, string? figureDirectory)
    {
        html.Append("<figure>\n<img src=\"").Append(Markup.Html(EncodePath(f.Path))).Append("\" alt=\"").Append(Markup.Html(f.Caption)).Append('"');
        if (figureDirectory is not null && PngSize(Path.Combine(figureDirectory, f.Path)) is var (w, h))
            html.Append(CultureInfo.InvariantCulture, $" width=\"{w}\" height=\"{h}\"");
        html.Append(" loading=\"lazy\">\n<figcaption>").Append(Markup.Html(f.Caption)).Append("</figcaption>\n</figure>\n");
    }

    private static string MarkdownTable(Table t)
    {
        static string Cell(string s) => Markup.MarkdownText(s);
        var md = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(t.Caption)) md.Append('*').Append(Markup.MarkdownText(t.Caption)).Append("*\n\n");
        md.Append("| ").Append(string.Join(" | ", t.Header.Select(Cell))).Append(" |\n");
        md.Append('|').Append(string.Join('|', t.Numeric.Select(n => n ? " ---: " : " --- "))).Append("|\n");
        foreach (var row in t.Rows) md.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        return md.ToString().TrimEnd('\n');
    }

    /// <summary>Width and height from a PNG's IHDR chunk, or null when the file is missing or not a PNG.</summary>
    private static (int Width, int Height)? PngSize(string file)
    {
        try
        {
            if (!File.Exists(file)) return null;
            Span<byte> head = stackalloc byte[24];
            using var stream = File.OpenRead(file);
            if (stream.ReadAtLeast(head, 24, throwOnEndOfStream: false) < 24) return null;
            ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
            if (!head[..8].SequenceEqual(signature) || !head[12..16].SequenceEqual("IHDR"u8)) return null;
            return (BinaryPrimitives.ReadInt32BigEndian(head[16..20]), BinaryPrimitives.ReadInt32BigEndian(head[20..24]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string EncodePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static bool IsNumeric(string cell)
    {
        string s = cell.Trim().Replace('−', '-');
        foreach (string unit in new[] { "%", "×", "dB", "ms", "s" })
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                s = s[..^unit.Length].TrimEnd();
                break;
            }
        }
        if (s.StartsWith('±')) s = s[1..];
        return s.Length > 0 && double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (char x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    private string UniqueId(string heading)
    {
        var slug = new StringBuilder();
        foreach (char c in heading.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        string id = slug.ToString().Trim('-');
        if (id.Length == 0) id = "section";
        string candidate = id;
        for (int n = 2; !ids.Add(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    private const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fafafa; color: #222; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        main { max-width: 960px; margin: 0 auto; padding: 2rem 1.25rem 1rem; background: #fff; }
        h1 { font-size: 1.9rem; margin: 0 0 1rem; }
        h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.25rem; border-bottom: 1px solid #e3e3e3; }
        nav ol { margin: 0 0 1.5rem; padding-left: 1.4rem; }
        a { color: #1a5fb4; }
        code { font: 0.9em/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f2f2f2; padding: 0.1em 0.3em; border-radius: 3px; }
        pre { background: #f6f6f6; border: 1px solid #e3e3e3; border-radius: 4px; padding: 0.75rem 1rem; overflow-x: auto; }
        pre code { background: none; padding: 0; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.95rem; }
        caption { caption-side: top; text-align: left; color: #555; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #ddd; padding: 0.35rem 0.7rem; text-align: left; }
        th { background: #f2f2f2; }
        tbody tr:nth-child(even) { background: #fafafa; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1.2rem 0; text-align: center; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.92rem; margin-top: 0.35rem; }
        footer { max-width: 960px; margin: 0 auto; padding: 1rem 1.25rem 2rem; color: #888; font-size: 0.85rem; }

        """;

    private abstract record Block;

    private sealed record Heading(string Text, string Id) : Block;

    private sealed record Markdownish(string Source) : Block;

    private sealed record Paragraph(string Text) : Block;

    private sealed record Table(string[] Header, string[][] Rows, bool[] Numeric, string? Caption) : Block;

    private sealed record Figure(string Path, string Caption) : Block;

    private sealed record Code(string Text) : Block;
}
