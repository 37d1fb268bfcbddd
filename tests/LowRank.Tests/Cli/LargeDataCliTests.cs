using System.Runtime.InteropServices;
using System.Text.Json;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// svd, approx and pca on .npy files read block by block (a tiny --memory forces several blocks): the same results as
/// in memory for the same seed, the passes and bytes they report, and every bad input refused with one line.
/// </summary>
public sealed class LargeDataCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Matrix _a = TestMatrices.LowRankPlusNoise(900, 240, 30, 1e-3, 5);

    public void Dispose() => _dir.Dispose();

    /// <summary>A .npy in C order (row-major) or Fortran order, float64 or float32, written as numpy does.</summary>
    private string Npy(string name, Matrix a, bool fortran = false, bool float32 = false)
    {
        var values = fortran ? a.Data : a.Transpose().Data;
        byte[] data = float32 ? MemoryMarshal.AsBytes(values.Select(v => (float)v).ToArray().AsSpan()).ToArray() : MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        byte[] header = NpyHeader.Format(float32 ? "<f4" : "<f8", fortran, [a.Rows, a.Cols]);
        return _dir.Write(name, [.. header, .. data]);
    }

    private static double[] Values(JsonElement json) => json.GetProperty("singular_values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SvdOutOfCoreEqualsInMemoryAndReportsItsPassesAndBytes(bool fortran)
    {
        string path = Npy("a.npy", _a, fortran);
        string[] args = ["svd", path, "--rank", "6", "--method", "randomized", "--power-iterations", "3", "--seed", "4", "--json"];
        var memory = CliRunner.Json(CliRunner.Run(args));
        var result = CliRunner.Run([.. args, "--memory", "1MB"]);
        var outOfCore = CliRunner.Json(result);
        Assert.Equal(fortran ? "in-memory" : "in-memory-blocks", memory.GetProperty("storage").GetString());
        Assert.Equal("out-of-core", outOfCore.GetProperty("storage").GetString());
        Assert.Contains("read from the file in", result.Stderr);
        double[] expected = Values(memory), actual = Values(outOfCore);
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], actual[i], 1e-10 * expected[0]);
        long passes = outOfCore.GetProperty("passes").GetInt64();
        Assert.Equal(ExpectedPasses(3, fortran), passes);
        Assert.Equal(passes * 900L * 240 * sizeof(double), outOfCore.GetProperty("bytes_read").GetInt64());
        Assert.True(outOfCore.GetProperty("peak_memory").GetInt64() > 0);
    }

    [Fact]
    public void RandomizedSvdOfACOrderFileInMemoryRunsOnItsRowsAndEqualsTheColumnMajorMatrix()
    {
        string[] args = ["--rank", "6", "--method", "randomized", "--power-iterations", "3", "--seed", "4", "--json"];
        var rows = CliRunner.Json(CliRunner.Run(["svd", Npy("c.npy", _a), .. args]));
        var matrix = CliRunner.Json(CliRunner.Run(["svd", Npy("f.npy", _a, fortran: true), .. args]));
        Assert.Equal("in-memory-blocks", rows.GetProperty("storage").GetString());
        Assert.Equal("in-memory", matrix.GetProperty("storage").GetString());
        Assert.Equal(3 + 1, rows.GetProperty("passes").GetInt64()); // fused passes over the rows held in memory
        Assert.Equal(900L * 240 * sizeof(double), rows.GetProperty("bytes_read").GetInt64()); // the file, read once
        double[] expected = Values(matrix), actual = Values(rows);
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], actual[i], 1e-10 * expected[0]);
        // auto resolves to the exact SVD on this 900×240 matrix: that needs the matrix itself
        Assert.Equal("in-memory", CliRunner.Json(CliRunner.Run(["svd", Npy("c2.npy", _a), "--rank", "6", "--json"])).GetProperty("storage").GetString());
    }

    [Fact]
    public void ValuesOnlyOutOfCoreSkipsTheVectorsAndTheirResidualPasses()
    {
        string path = Npy("v.npy", _a);
        string[] args = ["svd", path, "--rank", "6", "--method", "randomized", "--power-iterations", "2", "--memory", "1MB", "--json"];
        var withVectors = CliRunner.Json(CliRunner.Run(args));
        var valuesOnly = CliRunner.Json(CliRunner.Run([.. args, "--values-only"]));
        Assert.Equal(6, withVectors.GetProperty("residuals").GetArrayLength()); // two more passes over the file, after the decomposition
        Assert.False(valuesOnly.TryGetProperty("residuals", out _));
        Assert.Equal(Values(withVectors), Values(valuesOnly));
        Assert.Equal(2 + 1, valuesOnly.GetProperty("passes").GetInt64());
    }

    /// <summary>Passes of the randomized SVD with q power iterations over row blocks (C order) or column blocks (Fortran order).</summary>
    private static long ExpectedPasses(int q, bool fortran) => fortran ? 2 * q + 2 : q + 1;

    [Fact]
    public void Float32FileRunsInFloat32AndAgreesWithFloat64To1e4()
    {
        string single = Npy("a32.npy", _a, float32: true);
        string dbl = Npy("a.npy", _a);
        string[] args = ["--rank", "6", "--seed", "1", "--json"];
        var f64 = CliRunner.Json(CliRunner.Run(["svd", dbl, .. args]));
        var f32 = CliRunner.Json(CliRunner.Run(["svd", single, .. args]));
        var forced = CliRunner.Json(CliRunner.Run(["svd", dbl, "--dtype", "float32", .. args]));
        var streamed = CliRunner.Json(CliRunner.Run(["svd", single, "--memory", "1MB", .. args]));
        Assert.Equal("float32", f32.GetProperty("dtype").GetString());
        Assert.Equal("in-memory-blocks", f32.GetProperty("storage").GetString());
        Assert.Equal("float32", forced.GetProperty("dtype").GetString());
        Assert.Equal("out-of-core", streamed.GetProperty("storage").GetString());
        double[] reference = Values(f64);
        foreach (var run in new[] { f32, forced, streamed })
        {
            double[] v = Values(run);
            for (int i = 0; i < 6; i++) Assert.True(Math.Abs(v[i] - reference[i]) <= 1e-4 * reference[i], $"σ_{i + 1}: {v[i]} vs {reference[i]}");
        }
    }

    [Fact]
    public void ApproxWritesTheReconstructionBlockByBlockEqualToTheInMemoryOne()
    {
        string path = Npy("a.npy", _a);
        string inMemory = _dir.File("k.npy"), blocked = _dir.File("kb.npy");
        string[] args = ["approx", path, "--rank", "4", "--method", "randomized", "--power-iterations", "2"];
        Assert.Equal(0, CliRunner.Run([.. args, "-o", inMemory]).ExitCode);
        var r = CliRunner.Run([.. args, "-o", blocked, "--memory", "1MB", "--json"]);
        Assert.Equal("out-of-core", CliRunner.Json(r).GetProperty("storage").GetString());
        Matrix expected = NpyFile.Read(inMemory), actual = NpyFile.Read(blocked);
        double scale = expected.FrobeniusNorm();
        for (int k = 0; k < expected.Data.Length; k++) Assert.True(Math.Abs(expected.Data[k] - actual.Data[k]) <= 1e-10 * scale);
    }

    [Fact]
    public void PcaOutOfCoreEqualsInMemory()
    {
        string path = Npy("a.npy", _a, fortran: true);
        string[] args = ["pca", path, "--rank", "3", "--method", "randomized", "--json"];
        var memory = CliRunner.Json(CliRunner.Run(args));
        var blocked = CliRunner.Json(CliRunner.Run([.. args, "--memory", "1MB"]));
        double[] e = memory.GetProperty("explained_variance").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] b = blocked.GetProperty("explained_variance").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(e[i], b[i], 1e-10 * e[0]);
    }

    [Fact]
    public void SinglePassReportsItsEstimateNextToTheTrueErrorAndReadsOnce()
    {
        string c = Npy("a.npy", _a), f = Npy("af.npy", _a, fortran: true);
        var rowWise = CliRunner.Json(CliRunner.Run("svd", c, "--rank", "5", "--passes", "1", "--memory", "8MB", "--json"));
        var exact = CliRunner.Json(CliRunner.Run("svd", c, "--json"));
        Assert.Equal("single-pass", rowWise.GetProperty("method").GetString());
        Assert.Equal(1, rowWise.GetProperty("passes").GetInt64());
        Assert.Equal(1, rowWise.GetProperty("check_passes").GetInt64());
        Assert.Equal(900L * 240 * sizeof(double), rowWise.GetProperty("bytes_read").GetInt64());
        double estimate = rowWise.GetProperty("estimated_rel_error_frobenius").GetDouble();
        double actual = rowWise.GetProperty("true_rel_error_frobenius").GetDouble();
        Assert.True(Math.Abs(estimate - actual) <= 0.2 * actual, $"estimate {estimate} vs true {actual}");
        double[] all = Values(exact);
        double optimal = Math.Sqrt(all.Skip(5).Sum(x => x * x) / all.Sum(x => x * x));
        Assert.True(actual >= optimal * (1 - 1e-12) && actual <= 1.2 * optimal, $"single pass {actual} vs optimal {optimal}");
        // a Fortran-order file is sketched as Aᵀ (other test matrices): an error within the same bound, and the leading
        // values to the sketch's accuracy (it approximates A in the Frobenius norm; σ4, σ5 sit in a flat planted spectrum)
        var columnWise = CliRunner.Json(CliRunner.Run("svd", f, "--rank", "5", "--passes", "1", "--json"));
        double columnError = columnWise.GetProperty("true_rel_error_frobenius").GetDouble();
        Assert.True(columnError >= optimal * (1 - 1e-12) && columnError <= 1.2 * optimal, $"single pass (Fortran order) {columnError} vs optimal {optimal}");
        double[] v = Values(rowWise), w = Values(columnWise);
        for (int i = 0; i < 3; i++) Assert.Equal(all[i], w[i], 0.1 * all[i]);
        for (int i = 0; i < 5; i++) Assert.Equal(all[i], v[i], 0.1 * all[i]);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "truncated", ["--rank", "3"], "truncated: header says 900×240 float64 (1,728,000 bytes of data) but only 1,000 bytes follow" },
        { "overflow", ["--rank", "3"], "overflows" },
        { "a", ["--rank", "3", "--memory", "100KB"], "is too small: one block of rows plus the sketch of a 900×240 matrix needs at least" },
        { "a", ["--rank", "3", "--memory", "100KB"], "error: --memory: a memory budget of " },
        { "a", ["--rank", "3", "--memory", "1000TB"], "of physical memory" },
        { "a", ["--rank", "3", "--memory", "lots"], "--memory lots: expected a size such as 512MB or 4GB" },
        { "a", ["--memory", "1MB"], "give --rank k" },
        { "a", ["--rank", "3", "--memory", "1MB", "--method", "exact"], "--method exact needs the dense matrix in memory" },
        { "a", ["--rank", "3", "--passes", "1", "--power-iterations", "2"], "--passes 1 reads the data once, and --power-iterations needs another pass" },
        { "a", ["--rank", "3", "--passes", "1", "--method", "lanczos"], "--method lanczos needs another pass" },
        { "a", ["--passes", "1"], "--passes 1 needs --rank k" },
        { "a", ["--rank", "3", "--passes", "1", "--storage", "100"], "is too small for a rank-3 single-pass sketch" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsOneLineExit2AndNothingWritten(string file, string[] extra, string message)
    {
        string path = Npy("a.npy", _a);
        if (file == "truncated") path = _dir.Write("truncated.npy", File.ReadAllBytes(path)[..(128 + 1000)]);
        if (file == "overflow")
        {
            byte[] header = NpyHeader.Format("<f8", false, [4_000_000_000, 4_000_000_000]);
            path = _dir.Write("overflow.npy", [.. header, .. new byte[64]]);
        }
        string output = _dir.File("s.csv");
        var r = CliRunner.Run(["svd", path, "--out-s", output, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(output));
    }
}
