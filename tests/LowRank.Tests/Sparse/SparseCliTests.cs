using System.Globalization;
using System.Text;
using LowRank.Cli.Commands;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using LowRank.Tests.Cli;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Sparse;

public class SparseCliTests
{
    private static string Csv(Matrix a)
    {
        var text = new StringBuilder();
        for (int i = 0; i < a.Rows; i++)
            text.AppendLine(string.Join(",", Enumerable.Range(0, a.Cols).Select(j => a[i, j].ToString("R", CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    private static double[] Numbers(System.Text.Json.JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    [Fact]
    public void SvdLanczosReportsResidualsProductsAndAgreesWithExact()
    {
        using var dir = new TempDirectory();
        var a = TestMatrices.LowRankPlusNoise(90, 60, 10, 1e-3, 4);
        string path = dir.Write("a.csv", Csv(a));
        var json = CliRunner.Json(CliRunner.Run("svd", path, "--rank", "4", "--method", "lanczos", "--tol", "1e-10", "--json"));
        Assert.Equal("lanczos", json.GetProperty("method").GetString());
        Assert.Equal(90 * 60, json.GetProperty("nnz").GetInt64());
        Assert.Equal(1.0, json.GetProperty("density").GetDouble());
        Assert.True(json.GetProperty("converged").GetBoolean());
        var sigma = Numbers(json.GetProperty("singular_values"));
        var exact = ExactSvd.Values(a);
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(sigma[i] - exact[i]) <= 1e-10 * exact[0]);
        Assert.All(Numbers(json.GetProperty("residuals")), r => Assert.True(r <= 1e-9 * exact[0], $"residual {r}"));
    }

    [Fact]
    public void LanczosWithRankAtMinDimensionIsBadInputNamingTheOtherMethods()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("a.csv", Csv(TestMatrices.Random(12, 5, 1)));
        var r = CliRunner.Run("svd", path, "--rank", "5", "--method", "lanczos");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains("exact and randomized", r.Stderr);
        Assert.Equal(2, CliRunner.Run("approx", path, "--rank", "5", "--method", "lanczos").ExitCode);
    }

    /// <summary>`pca --json` reports the explained variance of the explicitly centred matrix, and its components file holds the leading right singular vectors.</summary>
    [Fact]
    public void PcaMatchesTheSvdOfTheCentredMatrix()
    {
        using var dir = new TempDirectory();
        var a = TestMatrices.LowRankPlusNoise(80, 30, 8, 1e-2, 6);
        for (int j = 0; j < a.Cols; j++) foreach (ref double x in a.Column(j)) x += j; // column means far from zero
        string path = dir.Write("a.csv", Csv(a));
        string components = dir.File("components.csv");
        var json = CliRunner.Json(CliRunner.Run("pca", path, "--rank", "3", "--method", "lanczos", "--out-components", components, "--json"));
        var centred = SparseProductTests.Centre(a);
        var reference = ExactSvd.Compute(centred);
        var variance = Numbers(json.GetProperty("explained_variance"));
        var ratio = Numbers(json.GetProperty("explained_variance_ratio"));
        double total = Math.Pow(centred.FrobeniusNorm(), 2);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(reference.S[i] * reference.S[i] / 79, variance[i], 1e-9 * variance[0]);
            Assert.Equal(reference.S[i] * reference.S[i] / total, ratio[i], 1e-9);
        }
        var written = LowRank.IO.MatrixFile.Read(components).Values;
        Assert.True(TestMatrices.MaxAbsDiff(written, reference.VT!.LeadingRows(3)) < 1e-7);
    }

    /// <summary>Randomized `pca --json` reports the residuals of the centred operator's triplets, as lanczos does (they were null).</summary>
    [Fact]
    public void RandomizedPcaReportsResidualsOfTheCentredMatrix()
    {
        using var dir = new TempDirectory();
        var a = TestMatrices.LowRankPlusNoise(80, 30, 8, 1e-2, 6);
        for (int j = 0; j < a.Cols; j++) foreach (ref double x in a.Column(j)) x += j;
        string path = dir.Write("a.csv", Csv(a));
        var json = CliRunner.Json(CliRunner.Run("pca", path, "--rank", "3", "--method", "randomized", "--json"));
        var residuals = Numbers(json.GetProperty("residuals"));
        var s = Numbers(json.GetProperty("singular_values"));
        Assert.Equal(3, residuals.Length);
        // Against the centred matrix the leading triplets are exact up to the noise (1e-2 per entry); against the uncentred
        // one the residuals would carry √m·|μᵀv| with column means up to 29.
        var centred = SparseProductTests.Centre(a);
        var reference = ExactSvd.Compute(centred);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(reference.S[i], s[i], 1e-4 * reference.S[0]);
            Assert.InRange(residuals[i], 0, 1e-2 * reference.S[0]);
        }
    }

    [Fact]
    public void PcaRefusesARankBeyondTheShape()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("a.csv", Csv(TestMatrices.Random(6, 4, 1)));
        var r = CliRunner.Run("pca", path, "--rank", "5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--rank 5", r.Stderr);
    }

    /// <summary>The rule of approx -o: dense input always reconstructs; a sparse one only when m·n fits.</summary>
    [Fact]
    public void ReconstructionFitsOnlyWhenTheDenseApproximationFits()
    {
        Assert.True(ApproxCommand.ReconstructionFits(new Matrix(3, 3)));
        Assert.True(ApproxCommand.ReconstructionFits(CsrMatrix.FromCoordinates(100, 50, [1], [2], [3.0])));
        Assert.False(ApproxCommand.ReconstructionFits(CsrMatrix.FromCoordinates(2_000_000, 1_000_000, [1], [2], [3.0])));
    }
}
