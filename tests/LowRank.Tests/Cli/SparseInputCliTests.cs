using LowRank.Cli;
using LowRank.Cli.Commands;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.IO;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>Sparse input files through the command line: densified with a note where a command needs a dense matrix, refused clearly when that will not fit.</summary>
public sealed class SparseInputCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SvdKeepsASparseFileSparseAndDensifiesItWithOneNoteOnlyWhenAsked()
    {
        string npz = SparseFixtures.Path("csr.npz");
        var sparse = CliRunner.Run("svd", npz, "--values-only", "--json");
        var densified = CliRunner.Run("svd", npz, "--values-only", "--dense", "--json");
        var dense = CliRunner.Run("svd", SparseFixtures.Path("a.csv"), "--values-only", "--json");
        string expected = CliRunner.Json(dense).GetProperty("singular_values").ToString();
        Assert.Equal(expected, CliRunner.Json(sparse).GetProperty("singular_values").ToString());
        Assert.Equal(6, CliRunner.Json(sparse).GetProperty("nnz").GetInt64());
        Assert.Equal("", sparse.Stderr);
        Assert.Equal(expected, CliRunner.Json(densified).GetProperty("singular_values").ToString());
        Assert.Equal($"note: {npz}: densified the sparse 4×5 matrix (6 stored entries, 30.00 % dense) into 0.2 KiB\n", densified.Stderr);
    }

    /// <summary>
    /// Lanczos with --values-only reports the recurrence's residual bounds, marked as estimates, and skips the 2k
    /// explicit products; with vectors the residuals are explicit and unmarked. Same values either way.
    /// </summary>
    [Fact]
    public void LanczosValuesOnlyReportsEstimatedResidualsWithoutTheirProducts()
    {
        string[] args = ["svd", SparseFixtures.Path("csr.npz"), "--rank", "2", "--method", "lanczos", "--json"];
        var vectors = CliRunner.Json(CliRunner.Run(args));
        var values = CliRunner.Json(CliRunner.Run([.. args, "--values-only"]));
        Assert.True(values.GetProperty("residuals_estimated").GetBoolean());
        Assert.False(vectors.TryGetProperty("residuals_estimated", out _));
        Assert.Equal(2, values.GetProperty("residuals").GetArrayLength());
        Assert.Equal(vectors.GetProperty("operator_products").GetInt64() - 2 * 2, values.GetProperty("operator_products").GetInt64());
        Assert.Equal(vectors.GetProperty("singular_values").ToString(), values.GetProperty("singular_values").ToString());
        Assert.True(values.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void RatingsCsvIsReadAsUsersByItemsWhenAsked()
    {
        string path = _dir.Write("r.csv", "user,item,rating\n1,a,3\n2,b,4\n");
        var r = CliRunner.Json(CliRunner.Run("svd", path, "--ratings", "--values-only", "--json"));
        Assert.Equal(2, r.GetProperty("rows").GetInt32());
        Assert.Equal([4.0, 3.0], r.GetProperty("singular_values").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void AllSingularValuesOfASparseMatrixTooLargeToDensifyAreRefusedNamingTheWayOut()
    {
        string path = SparseFixtures.Csr(_dir, "huge.npz", 3_000_000, 3_000_000, [0, .. Enumerable.Repeat(1L, 3_000_000)], [7], [1.0]);
        string output = _dir.File("s.csv");
        var r = CliRunner.Run("svd", path, "--out-s", output);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: the dense form of the 3000000×3000000 matrix (the exact SVD needs it; the Lanczos and randomized methods compute leading triplets without it)", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("svd", "--dense")]
    [InlineData("approx", "--rank", "1", "--dense")]
    public void MatrixWhoseDenseFormWillNotFitIsRefusedAndNothingIsWritten(string command, params string[] extra)
    {
        string path = SparseFixtures.Csr(_dir, "huge.npz", 3_000_000, 3_000_000, [0, .. Enumerable.Repeat(1L, 3_000_000)], [7], [1.0]);
        string output = _dir.File(command == "svd" ? "s.csv" : "a.npy");
        var r = CliRunner.Run([command, path, command == "svd" ? "--out-s" : "-o", output, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: {path}: the dense form of this sparse matrix of 1 stored entry (3,000,000×3,000,000) needs ", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void BadSparseFileIsOneErrorLineNamingFileAndPlace()
    {
        string path = SparseFixtures.Csr(_dir, "bad.npz", 2, 2, [0, 2, 1], [0, 1], [1, 2]);
        var r = CliRunner.Run("approx", path, "--rank", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {path}: indptr.npy: entry 2 (1) is less than entry 1 (2); offsets must be non-decreasing\n", r.Stderr);
    }

    [Fact]
    public void SparseCapableCommandKeepsTheFileSparseUnlessDenseIsAsked()
    {
        string npz = SparseFixtures.Path("csr.npz");
        var notes = new StringWriter();
        var context = new CliContext(new StringWriter(), notes, interactive: false);
        var kept = LoadedInput.Read(context, npz, TextReadOptions.Default, InputRequest.Default, sparseCapable: true);
        Assert.Equal(6, kept.Sparse!.NonZeros);
        Assert.Empty(kept.Channels);
        Assert.Equal("", notes.ToString());
        Assert.Contains("pass --dense", Assert.Throws<InvalidInputException>(() => kept.Single("nn-approx")).Message);

        var densified = LoadedInput.Read(context, npz, TextReadOptions.Default, InputRequest.Default with { Dense = true }, sparseCapable: true);
        Assert.Null(densified.Sparse);
        IoFixtures.Equal(SparseFixtures.Expected("a.csv"), densified.Single("svd"));
        Assert.StartsWith($"note: {npz}: densified", notes.ToString());
    }
}
