using System.Text.Json;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.Cli;

public class ModelCommandTests
{
    private const string Matrix4 = "4,1,0,2\n1,3,1,0\n0,1,2,1\n2,0,1,5\n";

    /// <summary>Trains a 4-4-2-4 network, saves it and its matrix W; returns (model path, W).</summary>
    private static (string Model, LowRank.Linalg.Matrix W) Trained(TempDirectory dir, params string[] extra)
    {
        string model = dir.File("net.lrnn"), w = dir.File("w.csv");
        var r = CliRunner.Run(["nn-approx", dir.Write("a.csv", Matrix4), "--rank", "2", "--objective", "frobenius",
            "--save-model", model, "-o", w, .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return (model, MatrixFile.Read(w).Values);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void SavedNetworkDescribesItselfAndComputesW(string dtype)
    {
        using var dir = new TempDirectory();
        var (model, w) = Trained(dir, dtype == "float64" ? ["--float64"] : []);
        var j = CliRunner.Json(CliRunner.Run("model", "info", model, "--json"));
        Assert.Equal(dtype, j.GetProperty("dtype").GetString());
        Assert.Equal(["Linear 4→4", "Linear 4→2", "Linear 2→4"], j.GetProperty("layers").EnumerateArray().Select(l => l.GetString()!));
        Assert.Equal(16 + 8 + 8, j.GetProperty("parameters").GetInt32());

        // The unit vectors as input rows: row i of the output is W·eᵢ, column i of W.
        string outputs = dir.File("y.csv");
        var apply = CliRunner.Run("model", "apply", model, dir.Write("eye.csv", "1,0,0,0\n0,1,0,0\n0,0,1,0\n0,0,0,1\n"), "-o", outputs);
        Assert.True(apply.ExitCode == 0, apply.Stderr);
        var y = MatrixFile.Read(outputs).Values;
        double tolerance = dtype == "float64" ? 1e-12 : 1e-5;
        for (int i = 0; i < 4; i++)
            for (int j2 = 0; j2 < 4; j2++)
                Assert.Equal(w[j2, i], y[i, j2], tolerance * 10);
    }

    [Fact]
    public void DamagedOrForeignModelFilesAreRefusedWithExitCode2()
    {
        using var dir = new TempDirectory();
        var (model, _) = Trained(dir);
        byte[] bytes = File.ReadAllBytes(model);

        byte[] flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x40;
        AssertRefused(dir.Write("flipped.lrnn", flipped), "checksum");
        AssertRefused(dir.Write("cut.lrnn", bytes[..(bytes.Length - 7)]), "truncated");
        AssertRefused(dir.Write("a.csv", Matrix4), "not a LowRank model file");
        byte[] future = (byte[])bytes.Clone();
        future[8] = 99;
        AssertRefused(dir.Write("future.lrnn", future), "newer");
        AssertRefused(dir.File("absent.lrnn"), "no such file");
    }

    [Fact]
    public void SaveModelAndOutputMustBeTwoFiles()
    {
        using var dir = new TempDirectory();
        string same = dir.File("w.bin");
        var r = CliRunner.Run("nn-approx", dir.Write("a.csv", Matrix4), "--rank", "2", "--save-model", same, "-o", same.Replace(".bin", ".csv"));
        Assert.Equal(0, r.ExitCode);
        string both = dir.File("both.csv");
        r = CliRunner.Run("nn-approx", dir.File("a.csv"), "--rank", "2", "--save-model", both, "-o", both);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("same file", r.Stderr);
        Assert.False(File.Exists(both));
    }

    [Fact]
    public void ApplyRefusesRowsOfTheWrongWidth()
    {
        using var dir = new TempDirectory();
        var (model, _) = Trained(dir);
        var r = CliRunner.Run("model", "apply", model, dir.Write("x.csv", "1,2,3\n"), "-o", dir.File("y.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("rows of 4 inputs", r.Stderr);
        Assert.False(File.Exists(dir.File("y.csv")));
    }

    [Fact]
    public void AModelWithALoRAAdapterIsDescribedAndApplied()
    {
        using var dir = new TempDirectory();
        var adapter = new LowRank.Neural.LoRALinear<double>(new LowRank.Neural.Linear<double>(3, 2, true, new Random(1)), 1, 2, new Random(2));
        adapter.Up.Weight.Value.AsSpan().Fill(0.5);
        var model = new LowRank.Neural.Sequential<double>(adapter, new LowRank.Neural.ReLU<double>(), new LowRank.Neural.Linear<double>(2, 4, false, new Random(3)));
        string path = dir.File("lora.bin");
        using (var stream = File.Create(path)) LowRank.Neural.Serialization.ModelFile.Save(model, stream);
        var j = CliRunner.Json(CliRunner.Run("model", "info", path, "--json"));
        Assert.StartsWith("Linear 3→2 (bias), frozen, with a LoRA adapter of rank 1", j.GetProperty("layers")[0].GetString());
        var r = CliRunner.Run("model", "apply", path, dir.Write("x.csv", "1,2,3\n"), "-o", dir.File("y.csv"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr); // the input width is the adapter's (3), not the next Linear's (2)
        var x = new LowRank.Neural.Tensor<double>(1, 3, [1, 2, 3]);
        var expected = model.Forward(x).Span.ToArray();
        var written = File.ReadAllText(dir.File("y.csv")).Trim().Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected.Length, written.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], written[i], 12);
    }

    [Fact]
    public void An_sv_learn_model_is_described_and_applied_to_flattened_matrices()
    {
        using var dir = new TempDirectory();
        var inner = new LowRank.Neural.Sequential<float>(new LowRank.Neural.Linear<float>(LowRank.Neural.SpectralFeatures.Count(2, 3), 4, true, new Random(1)),
            new LowRank.Neural.ReLU<float>(), new LowRank.Neural.Linear<float>(4, 2, true, new Random(2)), new LowRank.Neural.CumulativeSoftplus<float>());
        var model = new LowRank.Neural.SpectralRegressor<float>(2, 3, inner);
        string path = dir.File("sv.lrnn");
        using (var stream = File.Create(path)) LowRank.Neural.Serialization.ModelFile.Save(model, stream);
        Assert.Equal(2, BitConverter.ToUInt16(File.ReadAllBytes(path), 8)); // kinds 10 and 11 need format version 2
        var j = CliRunner.Json(CliRunner.Run("model", "info", path, "--json"));
        Assert.StartsWith("SpectralRegressor 2×3", j.GetProperty("layers")[0].GetString());
        Assert.Equal("CumulativeSoftplus", j.GetProperty("layers")[4].GetString());

        var wrong = CliRunner.Run("model", "apply", path, dir.Write("x4.csv", "1,2,3,4\n"), "-o", dir.File("y4.csv"));
        Assert.Equal(2, wrong.ExitCode); // the model takes flattened 2×3 matrices: rows of 6, refused up front
        Assert.StartsWith("error: ", wrong.Stderr);
        var r = CliRunner.Run("model", "apply", path, dir.Write("x.csv", "1,-2,3,0.5,4,-1\n"), "-o", dir.File("y.csv"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var expected = model.Forward(new LowRank.Neural.Tensor<float>(1, 6, [1, -2, 3, 0.5f, 4, -1])).Span.ToArray();
        var written = File.ReadAllText(dir.File("y.csv")).Trim().Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, written.Length);
        for (int i = 0; i < 2; i++) Assert.Equal(expected[i], written[i], 5);
        Assert.True(written[0] >= written[1] && written[1] >= 0);
    }

    private static void AssertRefused(string path, string reason)
    {
        var r = CliRunner.Run("model", "info", path);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains(reason, r.Stderr);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
    }
}
