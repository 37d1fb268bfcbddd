using System.Text;
using System.Text.RegularExpressions;

namespace LowRank.Reports;

/// <summary>
/// Escaping for HTML and Markdown, and the small "Markdown-ish" dialect of section introductions: paragraphs
/// separated by blank lines, "- " bullet lists, <c>`code`</c>, <c>**bold**</c> and <c>[text](url)</c> links
/// (http, https or relative URLs only). Everything else is text and is escaped.
/// </summary>
internal static partial class Markup
{
    public static string Html(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var b = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            b.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return b.ToString();
    }

    /// <summary>Plain text as Markdown text: Markdown syntax characters and HTML brackets are escaped.</summary>
    public static string MarkdownText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var b = new StringBuilder(text.Length + 16);
        foreach (char c in text.ReplaceLineEndings(" "))
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|':
                    b.Append('\\').Append(c);
                    break;
                case '<':
                    b.Append("&lt;");
                    break;
                case '>':
                    b.Append("&gt;");
                    break;
                case '&':
                    b.Append("&amp;");
                    break;
                default:
                    b.Append(c);
                    break;
            }
        }
        return b.ToString();
    }

    /// <summary>The Markdown-ish source as HTML blocks (paragraphs and lists).</summary>
    public static string MarkdownishToHtml(string source)
    {
        var html = new StringBuilder();
        foreach (var block in Blocks(source))
        {
            if (block.All(l => IsBullet(l)))
            {
                html.Append("<ul>\n");
                foreach (var line in block) html.Append("<li>").Append(Inline(line.TrimStart()[2..].Trim())).Append("</li>\n");
                html.Append("</ul>\n");
            }
            else
            {
                html.Append("<p>").Append(Inline(string.Join(' ', block.Select(l => l.Trim())))).Append("</p>\n");
            }
        }
        return html.ToString();
    }

    /// <summary>The Markdown-ish source as Markdown: kept as written, except that HTML tags cannot slip through.</summary>
    public static string MarkdownishToMarkdown(string source)
    {
        var parts = Blocks(source).Select(block => string.Join('\n', block.Select(line => EscapeAnglesOutsideCode(line.TrimEnd()))));
        return string.Join("\n\n", parts);
    }

    private static string EscapeAnglesOutsideCode(string line)
    {
        var b = new StringBuilder();
        bool inCode = false;
        foreach (char c in line)
        {
            if (c == '`') inCode = !inCode;
            b.Append(!inCode && c == '<' ? "&lt;" : !inCode && c == '>' ? "&gt;" : c.ToString());
        }
        return b.ToString();
    }

    private static bool IsBullet(string line)
    {
        string t = line.TrimStart();
        return t.StartsWith("- ", StringComparison.Ordinal) || t.StartsWith("* ", StringComparison.Ordinal);
    }

    private static List<List<string>> Blocks(string source)
    {
        var blocks = new List<List<string>>();
        var current = new List<string>();
        foreach (string line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                if (current.Count > 0) blocks.Add(current);
                current = [];
            }
            else
            {
                current.Add(line);
            }
        }
        if (current.Count > 0) blocks.Add(current);
        return blocks;
    }

    private static string Inline(string text)
    {
        var html = new StringBuilder();
        int at = 0;
        foreach (Match m in InlineSyntax().Matches(text))
        {
            html.Append(Html(text[at..m.Index]));
            if (m.Groups["code"].Success)
            {
                html.Append("<code>").Append(Html(m.Groups["code"].Value)).Append("</code>");
            }
            else if (m.Groups["bold"].Success)
            {
                html.Append("<strong>").Append(Inline(m.Groups["bold"].Value)).Append("</strong>");
            }
            else
            {
                string url = m.Groups["url"].Value;
                bool safe = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                    || !url.Contains(':');
                html.Append(safe
                    ? $"<a href=\"{Html(url)}\">{Inline(m.Groups["text"].Value)}</a>"
                    : Html(m.Value));
            }
            at = m.Index + m.Length;
        }
        html.Append(Html(text[at..]));
        return html.ToString();
    }

    [GeneratedRegex(@"`(?<code>[^`]+)`|\*\*(?<bold>.+?)\*\*|\[(?<text>[^\]]+)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex InlineSyntax();
}
