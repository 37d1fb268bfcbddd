using System.Text.RegularExpressions;
using LowRank.IO;
using LowRank.Tests.Reports;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary><c>lowrank demo</c>: its results.json, its figures, and its report as a real browser renders it.</summary>
public sealed partial class DemoReportTests(DemoReport demo) : IClassFixture<DemoReport>
{
    [Fact]
    public void ResultsCarryTheLectureExampleAndEverySection()
    {
        var lecture = demo.Results.GetProperty("sections").GetProperty("approximation").GetProperty("lecture");
        Assert.Equal(6 * Math.Sqrt(10), lecture.GetProperty("singular_values")[0].GetDouble(), 12);
        string saved = File.ReadAllText(Path.Combine(demo.Directory, "results.json"));
        string[] sections = demo.Results.GetProperty("sections").EnumerateObject().Select(s => s.Name).ToArray();
        Assert.Equal(["approximation", "neural", "completion", "svlearn", "image", "network_compression", "sparse", "streaming", "distributed"], sections);
        foreach (string section in sections)
        {
            Assert.Contains($"\"{section}\"", saved);
            string headline = demo.Results.GetProperty("headlines").GetProperty(section).GetString()!;
            Assert.False(string.IsNullOrWhiteSpace(headline), section);
            Assert.Contains(headline.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("'", "&#39;"), demo.Html);
        }
    }

    /// <summary>
    /// The streaming section reads Spambase once in blocks of 500 rows: the sketch's rank-5 error is at least the optimal
    /// one and at most 1.2 times it, and the a-posteriori estimate is within 20 % of the true error (q = 200: about 5 %).
    /// </summary>
    [Fact]
    public void StreamingSectionReadsOnceAndItsEstimateTracksTheTrueError()
    {
        var streaming = demo.Results.GetProperty("sections").GetProperty("streaming");
        Assert.Equal((4601, 58), (streaming.GetProperty("rows").GetInt32(), streaming.GetProperty("cols").GetInt32()));
        Assert.Equal(10, streaming.GetProperty("blocks").GetInt64());
        double optimal = streaming.GetProperty("optimal_rel_error_frobenius").GetDouble();
        double actual = streaming.GetProperty("true_rel_error_frobenius").GetDouble();
        double estimate = streaming.GetProperty("estimated_rel_error_frobenius").GetDouble();
        Assert.True(actual >= optimal * (1 - 1e-9) && actual <= 1.2 * optimal, $"true {actual}, optimal {optimal}");
        Assert.True(Math.Abs(estimate - actual) <= 0.2 * actual, $"estimate {estimate}, true {actual}");
    }

    /// <summary>
    /// The distributed section runs the Lanczos SVD on 1 and 2 MPI processes: both give the single-process singular values
    /// to 10⁻¹⁰ of σ₁ (the Allreduces sum in another order); without Open MPI it says it was skipped.
    /// </summary>
    [Fact]
    public void DistributedSectionGivesTheSingleProcessValuesOnOneAndTwoProcesses()
    {
        var distributed = demo.Results.GetProperty("sections").GetProperty("distributed");
        bool skipped = distributed.GetProperty("skipped").GetBoolean();
        Assert.Equal(LowRank.Distributed.Mpi.MpiEnvironment.FindMpirun() is null, skipped);
        if (skipped) return;
        double[] single = distributed.GetProperty("single_process_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(5, single.Length);
        var runs = distributed.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal([1, 2], runs.Select(r => r.GetProperty("processes").GetInt32()));
        foreach (var run in runs)
        {
            double[] values = run.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            for (int i = 0; i < 5; i++) Assert.True(Math.Abs(values[i] - single[i]) <= 1e-10 * single[0], $"σ{i + 1}: {values[i]} against {single[i]}");
            Assert.True(run.GetProperty("collectives").GetInt64() > 0);
        }
    }

    /// <summary>
    /// The sparse section reports the bundled term–document matrix as stored (233×10,248, 340,821 nonzeros), ten singular
    /// values whose first equals the dense exact SVD's of the same matrix, energy shares below 1, and eight terms for each
    /// component shown, all from the vocabulary.
    /// </summary>
    [Fact]
    public void SparseSectionMatchesTheDenseSvdOfTheBundledTermMatrix()
    {
        var sparse = demo.Results.GetProperty("sections").GetProperty("sparse");
        Assert.Equal((233, 10_248, 340_821L), (sparse.GetProperty("rows").GetInt32(), sparse.GetProperty("cols").GetInt32(), sparse.GetProperty("non_zeros").GetInt64()));
        Assert.Equal(233L * 10_248 * 8, sparse.GetProperty("dense_bytes").GetInt64());
        Assert.True(sparse.GetProperty("csr_bytes").GetInt64() < sparse.GetProperty("dense_bytes").GetInt64() / 4);
        double[] sigma = sparse.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(10, sigma.Length);
        Assert.True(sparse.GetProperty("converged").GetBoolean());
        string samples = Path.Combine(AppContext.BaseDirectory, "samples");
        double[] exact = LowRank.Decompositions.ExactSvd.Values(SparseNpzFile.Read(Path.Combine(samples, "sotu-terms.npz")).ToDense());
        Assert.True(Math.Abs(sigma[0] - exact[0]) <= 1e-8 * exact[0], $"σ₁ {sigma[0]:R} against the dense {exact[0]:R}");
        Assert.True(Math.Abs(sigma[9] - exact[9]) <= 1e-6 * exact[0], $"σ₁₀ {sigma[9]:R} against the dense {exact[9]:R}");
        double shares = sparse.GetProperty("energy_shares").EnumerateArray().Sum(x => x.GetDouble());
        Assert.InRange(shares, 0.5, 1);
        var vocabulary = TermDocumentFiles.ReadLines(Path.Combine(samples, "sotu-vocabulary.txt")).ToHashSet();
        var components = sparse.GetProperty("components").EnumerateArray().ToArray();
        Assert.NotEmpty(components);
        foreach (var component in components)
        {
            var terms = component.EnumerateArray().Select(t => t.GetProperty("term").GetString()!).ToArray();
            Assert.Equal(8, terms.Length);
            Assert.Subset(vocabulary, terms.ToHashSet());
        }
    }

    [Fact]
    public void EveryFileWrittenIsReportedOnStderr() => WrittenFiles.AssertEveryFileReported(demo.Run, demo.Directory, json: true);

    [Fact]
    public void EveryFigureTheReportNamesIsWritten()
    {
        string[] figures = ImageSources().ToArray();
        Assert.Contains("camera-panels.png", figures);
        foreach (string figure in figures)
            Assert.True(new FileInfo(Path.Combine(demo.Directory, Uri.UnescapeDataString(figure))).Length > 1000, figure);
    }

    /// <summary>
    /// Opens index.html in headless Chromium: every image must decode (naturalWidth &gt; 0), every section must have its
    /// heading, and the page must not be blank. The screenshot is kept as out/demo-report.png for a human to look at.
    /// </summary>
    [FactIfChromium]
    public async Task TheReportRendersInABrowserWithEveryImageLoaded()
    {
        await using var browser = await HeadlessChromium.StartAsync();
        var page = await browser.OpenAsync(demo.IndexPath);

        Assert.Equal("LowRank demo", page.Title);
        Assert.Equal(ImageSources().Count(), page.Images);
        Assert.Empty(page.BrokenImages);
        Assert.True(page.Headings.Length >= demo.Results.GetProperty("sections").EnumerateObject().Count(), string.Join(" | ", page.Headings));
        Assert.True(page.Tables > 0);

        string shot = Path.Combine(RepositoryOut(), "demo-report.png");
        File.WriteAllBytes(shot, page.Screenshot);
        var image = ImageFile.Read(shot);
        Assert.Equal(page.Height > 16_000 ? 16_000 : page.Height, image.Height);
        var grey = image.Channels[0].Data;
        Assert.True(grey.Max() - grey.Min() > 100, "the screenshot is blank");
    }

    private IEnumerable<string> ImageSources() => ImgSrc().Matches(demo.Html).Select(m => m.Groups[1].Value);

    /// <summary>The repository's out/ folder (git-ignored), found above the test assembly; a temp folder when run elsewhere.</summary>
    private static string RepositoryOut()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LowRank.slnx")))
                return System.IO.Directory.CreateDirectory(Path.Combine(dir.FullName, "out")).FullName;
        return System.IO.Directory.CreateTempSubdirectory("lowrank-out-").FullName;
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImgSrc();
}
