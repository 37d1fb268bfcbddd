using LowRank.Reports;
using Xunit;

namespace LowRank.Tests.Reports;

public class HtmlReportTests
{
    private static HtmlReport Sample()
    {
        var report = new HtmlReport("Report <b>1</b>");
        report.AddParagraph("Intro <script>alert('x')</script> & more");
        report.AddSection("Spectrum", "The **largest** value is `σ₁`; see [docs](docs/a.md) and [bad](javascript:alert(1)).\n\n- one\n- two");
        report.AddFigure("figures/spectrum.png", "Singular values <of A>");
        report.AddTable(["k", "error"], [["1", "0.5"], ["2", "<script>"]], caption: "Errors");
        report.AddSection("Training");
        report.AddFigure("figures/loss curve.png", "Loss");
        report.AddCode("lowrank svd a.csv --json\n<script>");
        return report;
    }

    [Fact]
    public void EscapesTextEverywhere()
    {
        string html = Sample().ToHtml();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>1</b>", html);
        Assert.Contains("<title>Report &lt;b&gt;1&lt;/b&gt;</title>", html);
        Assert.Contains("Intro &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html);
        Assert.Contains("<td>&lt;script&gt;</td>", html);
        Assert.Contains("<pre><code>lowrank svd a.csv --json\n&lt;script&gt;</code></pre>", html);
    }

    [Fact]
    public void RendersMarkdownishIntroductionSafely()
    {
        string html = Sample().ToHtml();
        Assert.Contains("<strong>largest</strong>", html);
        Assert.Contains("<code>σ₁</code>", html);
        Assert.Contains("<a href=\"docs/a.md\">docs</a>", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Contains("<li>one</li>", html);
    }

    [Fact]
    public void ContainsEachFigureImgTag()
    {
        string html = Sample().ToHtml();
        Assert.Contains("<img src=\"figures/spectrum.png\" alt=\"Singular values &lt;of A&gt;\"", html);
        Assert.Contains("<img src=\"figures/loss%20curve.png\" alt=\"Loss\"", html);
        Assert.Contains("max-width: 100%", html);
        Assert.Contains("<figcaption>Singular values &lt;of A&gt;</figcaption>", html);
    }

    [Fact]
    public void SaveIsAtomicAndWritesFigureSizes()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("figures"));
        Figures.Histogram(dir.File("figures/spectrum.png"), [1.0, 2.0, 2.0, 3.0], 3, "h", "x", width: 400, height: 300);
        string index = dir.File("index.html");
        File.WriteAllText(index, "old content");

        Sample().Save(index);

        Assert.Equal(["figures/spectrum.png", "index.html"], dir.FileNames().Select(f => f.Replace('\\', '/')).ToArray());
        string html = File.ReadAllText(index);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<img src=\"figures/spectrum.png\" alt=\"Singular values &lt;of A&gt;\" width=\"400\" height=\"300\"", html);
        Assert.Contains("<img src=\"figures/loss%20curve.png\" alt=\"Loss\" loading=\"lazy\">", html); // missing file: no size
    }

    [Fact]
    public void SaveIntoNewDirectoryLeavesNoTemporaries()
    {
        using var dir = new TempDirectory();
        new HtmlReport("t").AddParagraph("p").Save(dir.File("out/report.html"));
        Assert.Equal(["out/report.html"], dir.FileNames().Select(f => f.Replace('\\', '/')).ToArray());
    }

    [Fact]
    public void RejectsAbsoluteFigurePaths()
    {
        var report = new HtmlReport("t");
        Assert.Throws<ArgumentException>(() => report.AddFigure("/tmp/a.png", "a"));
        Assert.Throws<ArgumentException>(() => report.AddFigure("https://example.com/a.png", "a"));
    }

    [Fact]
    public void RejectsRaggedTable()
    {
        var report = new HtmlReport("t");
        Assert.Throws<ArgumentException>(() => report.AddTable(["a", "b"], [["1"]]));
    }

    [Fact]
    public void MarkdownRendersSameContent()
    {
        string md = Sample().ToMarkdown();
        Assert.StartsWith("# Report &lt;b&gt;1&lt;/b&gt;\n", md);
        Assert.Contains("## Spectrum", md);
        Assert.Contains("![Singular values &lt;of A&gt;](figures/spectrum.png)", md);
        Assert.Contains("![Loss](figures/loss%20curve.png)", md);
        Assert.Contains("| k | error |\n| ---: | --- |\n| 1 | 0.5 |\n| 2 | &lt;script&gt; |", md);
        Assert.Contains("```\nlowrank svd a.csv --json\n<script>\n```", md);
        Assert.Contains("The **largest** value is `σ₁`", md);
        Assert.DoesNotContain("<script>alert", md);
    }

    [Fact]
    public void TableOfContentsForThreeOrMoreSections()
    {
        var report = new HtmlReport("t").AddSection("A b").AddSection("A b").AddSection("Ω");
        string html = report.ToHtml();
        Assert.Contains("<a href=\"#a-b\">A b</a>", html);
        Assert.Contains("<h2 id=\"a-b-2\">A b</h2>", html);
        Assert.Contains("<h2 id=\"section\">Ω</h2>", html);
    }

    [Fact]
    public void AppendKeepsOrderIntroductionsAndUniqueIds()
    {
        var part = new HtmlReport("part").AddSection("A b", "intro of the part").AddParagraph("p1").AddFigure("f.png", "fig");
        var report = new HtmlReport("whole").AddSection("A b").AddParagraph("p0").Append(part).AddSection("Ω");
        string html = report.ToHtml();
        Assert.DoesNotContain(">part<", html);
        Assert.Contains("<h2 id=\"a-b-2\">A b</h2>", html);
        Assert.Contains("<a href=\"#a-b-2\">A b</a>", html);
        int[] order = new[] { "p0", "<h2 id=\"a-b-2\"", "intro of the part", "p1", "f.png", "<h2 id=\"section\"" }.Select(t => html.IndexOf(t, StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Throws<ArgumentException>(() => report.Append(report));
    }
}
