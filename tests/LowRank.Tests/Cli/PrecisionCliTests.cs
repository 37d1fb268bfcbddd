using System.Runtime.InteropServices;
using System.Text.Json;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary><c>svd --precision double|mixed</c>: every storage of a float64 .npy, the JSON fields, and where mixed is refused or explained.</summary>
public sealed class PrecisionCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Matrix _a = TestMatrices.LowRankPlusNoise(900, 240, 30, 1e-3, 5);
    private static readonly string[] Randomized = ["--rank", "6", "--method", "randomized", "--power-iterations", "3", "--seed", "4", "--json"];

    public void Dispose() => _dir.Dispose();

    private string Npy(string name, bool fortran = false, bool float32 = false)
    {
        var values = fortran ? _a.Data : _a.Transpose().Data;
        byte[] data = float32 ? MemoryMarshal.AsBytes(values.Select(v => (float)v).ToArray().AsSpan()).ToArray() : MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        return _dir.Write(name, [.. NpyHeader.Format(float32 ? "<f4" : "<f8", fortran, [_a.Rows, _a.Cols]), .. data]);
    }

    private static double[] Values(JsonElement json) => json.GetProperty("singular_values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData(false, null, "in-memory-blocks")]
    [InlineData(true, null, "in-memory")]
    [InlineData(false, "1MB", "out-of-core")]
    public void MixedRunsOnEveryStorageOfFloat64AndAgreesWithDouble(bool fortran, string? memory, string storage)
    {
        string path = Npy("a.npy", fortran);
        string[] budget = memory is null ? [] : ["--memory", memory];
        var dbl = CliRunner.Json(CliRunner.Run(["svd", path, .. Randomized, .. budget]));
        var run = CliRunner.Run(["svd", path, .. Randomized, .. budget, "--precision", "mixed"]);
        var mixed = CliRunner.Json(run);
        Assert.Equal(storage, mixed.GetProperty("storage").GetString());
        Assert.Equal("double", dbl.GetProperty("precision").GetString());
        Assert.Equal("mixed", mixed.GetProperty("precision").GetString());
        Assert.True(!mixed.TryGetProperty("precision_note", out var note) || note.ValueKind == JsonValueKind.Null, "mixed ran: no note");
        Assert.DoesNotContain("ran again in float64", run.Stderr);
        double[] expected = Values(dbl), actual = Values(mixed);
        for (int i = 0; i < 6; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * expected[0], $"σ_{i + 1}: mixed {actual[i]}, double {expected[i]}");
    }

    [Fact]
    public void MixedOnFloat32DataRunsItsFloat32ProductsAndSaysSo()
    {
        string path = Npy("a32.npy", float32: true);
        var plain = CliRunner.Json(CliRunner.Run(["svd", path, .. Randomized]));
        var run = CliRunner.Run(["svd", path, .. Randomized, "--precision", "mixed"]);
        Assert.Equal(0, run.ExitCode);
        var mixed = CliRunner.Json(run);
        Assert.Equal("double", mixed.GetProperty("precision").GetString());
        Assert.Contains("the data is float32", mixed.GetProperty("precision_note").GetString());
        Assert.Contains("note: the data is float32", run.Stderr);
        Assert.Equal(Values(plain), Values(mixed));
    }

    public static TheoryData<string[], string> Refused => new()
    {
        { ["--rank", "6", "--precision", "single"], "single" },
        { ["--rank", "6", "--precision", "mixed", "--method", "exact"], "error: --precision mixed is for the randomized SVD, and this run is the exact one" },
        { ["--rank", "6", "--precision", "mixed", "--method", "lanczos"], "this run is the lanczos one" },
        { ["--rank", "6", "--precision", "mixed"], "this run is the exact one" }, // auto picks the exact SVD of a 900×240 matrix
        { ["--rank", "6", "--precision", "mixed", "--passes", "1"], "error: --precision mixed is for the power-iteration passes of the randomized SVD; --passes 1" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void MixedWhereItDoesNotApplyIsRefusedWithExit2(string[] extra, string message)
    {
        string output = _dir.File("s.csv");
        var r = CliRunner.Run(["svd", Npy("a.npy"), "--out-s", output, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.False(File.Exists(output));
    }
}
