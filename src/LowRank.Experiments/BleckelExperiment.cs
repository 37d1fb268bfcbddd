using System.Diagnostics;
using System.Globalization;
using LowRank.Linalg;
using LowRank.Neural.Approximation;

namespace LowRank.Experiments;

/// <summary>
/// Reproduction of Bleckel's study of low-rank approximation by a bottleneck network: a linear network
/// n-n-k-n (input, hidden layer, width-k bottleneck, output) is trained so that its effective matrix B (the product
/// of its weight matrices, rank ≤ k) maps x to A·x, and its relative 2-norm error ‖A − B‖₂/‖A‖₂ is compared with
/// the optimum σ_(k+1)/σ₁ of the truncated SVD (Eckart–Young). Cases, as in the study: the 50×50 identity and
/// diagonal matrices at k = 20, random 10×10 Gaussian and symmetric matrices at k = 1..9, images; then the study's
/// comparison of network designs, and the two training objectives (sampled inputs or the exact Frobenius loss).
/// </summary>
public static class BleckelExperiment
{
    /// <summary>Size of the random matrices and of the colour image.</summary>
    public const int SmallSize = 10;

    /// <summary>Size of the identity and diagonal matrices; their rank k = <see cref="DiagonalRank"/>.</summary>
    public const int DiagonalSize = 50;

    public const int DiagonalRank = 20;

    /// <summary>Rank of the colour image.</summary>
    public const int ColourRank = 5;

    /// <summary>Rank of the photo (also 1) and of the logo.</summary>
    public const int ImageRank = 10;

    /// <summary>Tolerances of the targets: ratio to the SVD error.</summary>
    public const double SmallTolerance = 1.01, ImageTolerance = 1.02;

    public static BleckelResults Run(BleckelSettings settings, Action<string>? progress = null,
        CancellationToken cancellationToken = default, ILinalgBackend? backend = null)
    {
        var clock = Stopwatch.StartNew();
        BottleneckRun Fit(string title, IReadOnlyList<Matrix> channels, int k, BottleneckDesign design = BottleneckDesign.NnKn,
            TrainingObjective objective = TrainingObjective.Samples)
        {
            progress?.Invoke(title);
            var options = new BottleneckOptions
            {
                Rank = k,
                Design = design,
                Objective = objective,
                Samples = settings.Samples,
                Epochs = settings.Epochs,
                Seed = settings.Seed,
            };
            return BottleneckRun.Fit(channels, options, null, cancellationToken, backend);
        }
        BleckelCaseResult Case(string key, string title, IReadOnlyList<Matrix> channels, int k, (double Svd, double Network)? published = null) =>
            new(key, title, Fit(title, channels, k), published?.Svd, published?.Network);

        var photo = settings.Photo;
        var logo = settings.Logo;
        var colour = settings.Colour;
        var cases = new[]
        {
            Case("identity", $"identity {DiagonalSize}×{DiagonalSize}", [Matrix.Identity(DiagonalSize)], DiagonalRank, BleckelPublished.Identity),
            Case("diagonal_0_49", $"diag(0, 1, …, {DiagonalSize - 1})", [Diagonal(0)], DiagonalRank, BleckelPublished.DiagonalFromZero),
            Case("diagonal_1_50", $"diag(1, 2, …, {DiagonalSize})", [Diagonal(1)], DiagonalRank),
            Case("photo_rank_1", $"photo {Shape(photo)}", [photo], 1),
            Case("photo_rank_10", $"photo {Shape(photo)}", [photo], ImageRank),
            Case("logo_rank_10", $"logo {Shape(logo)}", [logo], ImageRank, BleckelPublished.Logo),
            Case("colour_rank_5", $"colour image {Shape(colour[0])} ×{colour.Count} channels", colour, ColourRank),
        };

        BleckelRankSummary[] RandomSet(string kind, int salt, Func<Random, Matrix> draw, double[] published) =>
            Enumerable.Range(1, SmallSize - 1).Select(k => new BleckelRankSummary(k,
                Enumerable.Range(0, settings.MatricesPerRank).Select(i =>
                    Fit($"{kind} 10×10 k = {k}, matrix {i + 1}/{settings.MatricesPerRank}", [draw(Rng(settings.Seed, salt, k, i))], k)).ToArray(),
                published[k - 1])).ToArray();
        var gaussian = RandomSet("Gaussian", 1, r => Gaussian.Matrix(SmallSize, SmallSize, r), BleckelPublished.GaussianGap);
        var symmetric = RandomSet("symmetric", 2, Symmetric, BleckelPublished.SymmetricGap);

        var designs = new List<BleckelCaseResult>();
        foreach (var (n, k) in new[] { (4, 2), (32, 8) })
        {
            var a = Gaussian.Matrix(n, n, Rng(settings.Seed, 3, n, k));
            foreach (var design in Enum.GetValues<BottleneckDesign>())
            {
                string title = $"Gaussian {n}×{n}, k = {k}, {BottleneckNames.Of(design)}";
                designs.Add(new BleckelCaseResult($"design_{n}x{n}_{BottleneckNames.Of(design)}", title, Fit(title, [a], k, design)));
            }
        }

        var objectives = new List<BleckelCaseResult>();
        foreach (var (key, title, a, k) in new[]
        {
            ("gaussian_10x10", "Gaussian 10×10, k = 5", Gaussian.Matrix(SmallSize, SmallSize, Rng(settings.Seed, 4, SmallSize, 5)), 5),
            ("gaussian_32x32", "Gaussian 32×32, k = 8", Gaussian.Matrix(32, 32, Rng(settings.Seed, 4, 32, 8)), 8),
            ("diagonal_1_50", $"diag(1, 2, …, {DiagonalSize}), k = {DiagonalRank}", Diagonal(1), DiagonalRank),
        })
        {
            foreach (var objective in Enum.GetValues<TrainingObjective>())
            {
                string name = BottleneckNames.Of(objective);
                objectives.Add(new BleckelCaseResult($"{key}_{name}", $"{title}, {name}", Fit($"{title}, {name}", [a], k, objective: objective)));
            }
        }

        return new BleckelResults
        {
            Cases = cases,
            Gaussian = gaussian,
            Symmetric = symmetric,
            Designs = designs,
            Objectives = objectives,
            Targets = Targets(cases, gaussian, symmetric, designs, objectives),
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    private static BleckelTarget[] Targets(BleckelCaseResult[] cases, BleckelRankSummary[] gaussian, BleckelRankSummary[] symmetric,
        List<BleckelCaseResult> designs, List<BleckelCaseResult> objectives)
    {
        BottleneckRun Named(string key) => cases.Single(c => c.Key == key).Run;
        string Title(string key) => cases.Single(c => c.Key == key).Title;
        var small = gaussian.Concat(symmetric).SelectMany(s => s.Runs).Append(Named("colour_rank_5")).ToArray();
        var all = cases.Select(c => c.Run).Concat(gaussian.Concat(symmetric).SelectMany(s => s.Runs))
            .Concat(designs.Select(d => d.Run)).Concat(objectives.Select(o => o.Run)).ToArray();
        string Ratios(params string[] keys) => string.Join(", ", keys.Select(k => $"{Title(k)}: {F(Named(k).RatioSpectral)}×"));
        bool Within(double tolerance, params string[] keys) => keys.All(k => Named(k).RatioSpectral <= tolerance);
        return
        [
            new($"every {SmallSize}×{SmallSize} case ≤ {F(SmallTolerance)}× the SVD error and rank ≤ k",
                $"{small.Count(r => r.RatioSpectral <= SmallTolerance && r.RankCheckPassed)}/{small.Length}, worst {F(small.Max(r => r.RatioSpectral))}×",
                small.All(r => r.RatioSpectral <= SmallTolerance && r.RankCheckPassed)),
            new($"identity and diag(1..{DiagonalSize}) within {Percent(SmallTolerance)}", Ratios("identity", "diagonal_1_50"), Within(SmallTolerance, "identity", "diagonal_1_50")),
            new($"photo and logo at rank {ImageRank} within {Percent(ImageTolerance)}", Ratios("photo_rank_10", "logo_rank_10"), Within(ImageTolerance, "photo_rank_10", "logo_rank_10")),
            new("numerical rank ≤ k in every run", $"{all.Count(r => r.RankCheckPassed)}/{all.Length}", all.All(r => r.RankCheckPassed)),
        ];
    }

    /// <summary>diag(first, first + 1, …, first + 49).</summary>
    private static Matrix Diagonal(int first)
    {
        var d = new Matrix(DiagonalSize, DiagonalSize);
        for (int i = 0; i < DiagonalSize; i++) d[i, i] = first + i;
        return d;
    }

    /// <summary>(G + Gᵀ)/2 with G Gaussian.</summary>
    private static Matrix Symmetric(Random random)
    {
        var g = Gaussian.Matrix(SmallSize, SmallSize, random);
        var s = new Matrix(SmallSize, SmallSize);
        for (int i = 0; i < SmallSize; i++)
        {
            for (int j = 0; j < SmallSize; j++) s[i, j] = (g[i, j] + g[j, i]) / 2;
        }
        return s;
    }

    /// <summary>A generator per (set, k, index): runs do not depend on the order or number of the others.</summary>
    private static Random Rng(int seed, int set, int k, int index) => new(unchecked(seed * 1_000_003 + set * 100_000 + k * 1_000 + index));

    private static string Shape(Matrix m) => $"{m.Rows}×{m.Cols}";

    private static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A tolerance ratio as the excess in per cent: 1.01 → "1 %".</summary>
    private static string Percent(double ratio) => F(100 * (ratio - 1)) + " %";
}
