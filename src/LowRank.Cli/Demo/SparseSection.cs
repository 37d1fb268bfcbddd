using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: latent semantic analysis (Deerwester, Dumais, Furnas, Landauer, Harshman, "Indexing by latent semantic
/// analysis", JASIS 41(6), 1990) of the bundled State of the Union term–document counts, kept sparse: the top k singular
/// triplets by the Lanczos bidiagonalisation (<see cref="LanczosSvd"/>), the spectrum's share of ‖A‖_F², the terms that
/// load most on each component and the addresses at either end of the second one, and the CSR memory against the dense
/// matrix's.
/// </summary>
internal sealed class SparseSection : IDemoSection
{
    private const int Rank = 10, Components = 4, TermsShown = 8, DocumentsShown = 3;

    public string Key => "sparse";

    public string Title => "sparse SVD: latent semantic analysis";

    public object Run(DemoContext context)
    {
        var a = SparseNpzFile.Read(DemoContext.Sample("sotu-terms.npz"));
        string[] terms = TermDocumentFiles.ReadLines(DemoContext.Sample("sotu-vocabulary.txt"));
        string[] documents = TermDocumentFiles.ReadLines(DemoContext.Sample("sotu-documents.txt"));
        var clock = Stopwatch.StartNew();
        var svd = LanczosSvd.Compute(a, Rank, backend: context.Backend);
        double seconds = clock.Elapsed.TotalSeconds;
        var energy = SpectrumEnergy.Of(svd.S, a.SquaredFrobeniusNorm());
        double maxResidual = svd.Residuals!.Max();
        long denseBytes = (long)a.Rows * a.Cols * sizeof(double);

        context.Report.AddSection("Sparse SVD: latent semantic analysis of the State of the Union addresses",
            $"The bundled term–document matrix (samples/sotu-terms.npz: {a.Rows} addresses 1790–2021 × {a.Cols:N0} terms, raw counts, " +
            "public-domain texts; see samples/README.md) is read as CSR and never densified: the Lanczos bidiagonalisation only multiplies " +
            $"by A and Aᵀ. Its top {Rank} singular triplets are the latent semantic analysis of the collection — each right singular vector " +
            "is a weighted list of terms, each left one scores the addresses on it. The counts are not weighted (no tf-idf or log), so the " +
            "first component is close to the overall word frequency; the later ones contrast eras and subjects.");
        context.Report.AddTable(["matrix", "nonzeros", "density", "CSR arrays", "dense float64", "time", "operator products", "largest residual"],
        [[
            $"{a.Rows}×{a.Cols:N0}", a.NonZeros.ToString("N0", CultureInfo.InvariantCulture), Tables.Percent(a.Density),
            Megabytes(a.StorageBytes), Megabytes(denseBytes), Tables.Seconds(seconds),
            svd.OperatorProducts.ToString("N0", CultureInfo.InvariantCulture), $"{Tables.Number(maxResidual)} ({Tables.Number(maxResidual / svd.S[0])} σ₁)",
        ]], $"Reproduce: lowrank svd samples/sotu-terms.npz --rank {Rank} --method lanczos. The residual is √(‖Av − σu‖² + ‖Aᵀu − σv‖²), " +
            "computed explicitly for each triplet; a product applies A or Aᵀ to one vector.");
        context.Report.AddTable(["i", "σ_i", "share of ‖A‖_F²", "cumulative"],
            Enumerable.Range(0, svd.Count).Select(i => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture),
                Tables.Number(svd.S[i]), Tables.Percent(energy.Shares[i]), Tables.Percent(energy.Cumulative[i])]).ToList(),
            $"‖A‖_F² = {energy.Total:N0} (the sum of the squared counts) is exact, so the shares hold although only {Rank} values were computed.");
        context.AddFigure("sotu-spectrum.png", path => Figures.SingularValueSpectrum(path, svd.S, $"Top {Rank} singular values of the SOTU term–document matrix"),
            "The leading singular values of the term–document counts.");

        var components = Enumerable.Range(0, Components).Select(c => TopTerms(svd.VT!, c, terms)).ToArray();
        context.Report.AddTable(["component", $"top {TermsShown} terms by |loading| (sign shown)"],
            components.Select((c, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture),
                string.Join(", ", c.Select(t => $"{(t.Loading < 0 ? "−" : "+")}{t.Term}"))]).ToList(),
            "A component's sign is arbitrary (each vector pair is fixed so its largest left entry is positive); the terms sharing a sign go together.");
        var scores = Enumerable.Range(0, a.Rows).Select(i => (Document: documents[i], Score: svd.S[1] * svd.U![i, 1])).OrderByDescending(d => d.Score).ToArray();
        var positive = scores.Take(DocumentsShown).ToArray();
        var negative = scores.Reverse().Take(DocumentsShown).ToArray();
        context.Report.AddParagraph(
            $"Addresses at the two ends of component 2 (score σ₂·u_i): {string.Join(", ", positive.Select(d => d.Document))} on the + side; " +
            $"{string.Join(", ", negative.Select(d => d.Document))} on the − side.");
        context.Headline = $"{a.Rows}×{a.Cols:N0} term–document matrix ({a.NonZeros:N0} nonzeros): top {Rank} triplets by Lanczos in {Tables.Seconds(seconds)}, " +
            $"CSR {Megabytes(a.StorageBytes)} against {Megabytes(denseBytes)} dense";
        return new
        {
            Source = "samples/sotu-terms.npz",
            a.Rows,
            a.Cols,
            a.NonZeros,
            a.Density,
            Method = "lanczos",
            Rank,
            Seconds = seconds,
            svd.OperatorProducts,
            Restarts = svd.Iterations,
            svd.Converged,
            MaxResidual = maxResidual,
            CsrBytes = a.StorageBytes,
            DenseBytes = denseBytes,
            SingularValues = svd.S,
            EnergyShares = energy.Shares,
            Components = components.Select(c => c.Select(t => new { t.Term, t.Loading }).ToArray()).ToArray(),
            Component2Documents = new { Positive = positive.Select(d => d.Document).ToArray(), Negative = negative.Select(d => d.Document).ToArray() },
        };
    }

    /// <summary>The <see cref="TermsShown"/> terms with the largest |loading| in row <paramref name="component"/> of Vᵀ.</summary>
    private static (string Term, double Loading)[] TopTerms(Matrix vt, int component, string[] terms) =>
        Enumerable.Range(0, vt.Cols).OrderByDescending(j => Math.Abs(vt[component, j])).Take(TermsShown)
            .Select(j => (terms[j], vt[component, j])).ToArray();

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
