using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// Issue 16, inputs read once or by blocks: standard input (.npy stream, CSV), files and directories stacked by rows,
/// CSV/TSV and Matrix Market read block by block behind the row-block operator, and sketch files updated without the old
/// data. Each gives the result of the in-memory (or whole-file) path; each bad input is one line, exit 2, nothing written.
/// </summary>
public sealed class StreamingInputCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Matrix _a = TestMatrices.LowRankPlusNoise(300, 80, 8, 1e-2, 7);

    public void Dispose() => _dir.Dispose();

    private static byte[] NpyBytes(Matrix a) =>
        [.. NpyHeader.Format("<f8", false, [a.Rows, a.Cols]), .. MemoryMarshal.AsBytes(a.Transpose().Data.AsSpan()).ToArray()];

    private string Npy(string name, Matrix a) => _dir.Write(name, NpyBytes(a));

    private static Matrix Rows(Matrix a, int first, int count) => Matrix.FromRowMajor(count, a.Cols, a.Transpose().Data.AsSpan(first * a.Cols, count * a.Cols));

    /// <summary>A coordinate Matrix Market file with the entries sorted by row (MatrixMarketFile writes them by column).</summary>
    private string CoordinateByRows(string name, Matrix a)
    {
        var text = new StringBuilder($"%%MatrixMarket matrix coordinate real general\n{a.Rows} {a.Cols} {a.Data.Count(x => x != 0)}\n");
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
                if (a[i, j] != 0) text.Append(CultureInfo.InvariantCulture, $"{i + 1} {j + 1} {DelimitedCell.Format(a[i, j])}\n");
        return _dir.Write(name, text.ToString());
    }

    private static double[] Values(JsonElement json) => json.GetProperty("singular_values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static void Same(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * expected[0], $"σ{i + 1}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void TextFilesReadByBlocksGiveTheInMemoryResult()
    {
        string csv = _dir.File("a.csv"), tsv = _dir.File("a.tsv"), array = _dir.File("a.mtx");
        DelimitedFile.Write(csv, _a, ',');
        DelimitedFile.Write(tsv, _a, '\t');
        MatrixMarketFile.Write(array, _a);
        string coordinate = CoordinateByRows("c.mtx", _a);
        var expected = Values(CliRunner.Json(CliRunner.Run("svd", Npy("a.npy", _a), "--rank", "5", "--method", "randomized", "--json")));
        foreach (string file in new[] { csv, tsv, array, coordinate })
        {
            // 8 × the text's size is above 160 KB: the file is read from the text in blocks on every pass
            var json = CliRunner.Json(CliRunner.Run("svd", file, "--rank", "5", "--memory", "160KB", "--json"));
            Assert.Equal("out-of-core", json.GetProperty("storage").GetString());
            // q + 1 with the default q = 7; a Matrix Market array stores columns (the rows of Aᵀ): 2q + 2, as a Fortran-order .npy
            Assert.Equal(file == array ? 16 : 8, json.GetProperty("passes").GetInt64());
            Same(expected, Values(json), 1e-10);
        }
    }

    [Fact]
    public void PartsAndADirectoryOfPartsAreStackedByRows()
    {
        Directory.CreateDirectory(_dir.File("parts"));
        string whole = Npy("a.npy", _a);
        string[] parts = [Npy("parts/part-0.npy", Rows(_a, 0, 120)), Npy("parts/part-1.npy", Rows(_a, 120, 180))];
        var expected = CliRunner.Json(CliRunner.Run("svd", whole, "--rank", "5", "--method", "randomized", "--json"));
        Same(Values(expected), Values(CliRunner.Json(CliRunner.Run(["svd", .. parts, "--rank", "5", "--memory", "160KB", "--json"]))), 1e-10);
        var single = CliRunner.Json(CliRunner.Run("svd", whole, "--rank", "5", "--passes", "1", "--json"));
        var stacked = CliRunner.Json(CliRunner.Run("svd", _dir.File("parts"), "--rank", "5", "--passes", "1", "--json"));
        Same(Values(single), Values(stacked), 1e-12); // the same sketch: the test matrices depend on the row, not on the file
        Assert.Equal(single.GetProperty("true_rel_error_frobenius").GetDouble(), stacked.GetProperty("true_rel_error_frobenius").GetDouble(), 1e-12);
    }

    [Fact]
    public void StandardInputIsReadOnceAsANpyStreamOrAsCsv()
    {
        string file = Npy("a.npy", _a), csv = _dir.File("a.csv");
        DelimitedFile.Write(csv, _a, ',');
        var fromFile = CliRunner.Json(CliRunner.Run("svd", file, "--rank", "5", "--passes", "1", "--json"));
        var fromStdin = CliRunner.Json(CliRunner.RunWithInput(NpyBytes(_a), "svd", "-", "--rank", "5", "--passes", "1", "--json"));
        Same(Values(fromFile), Values(fromStdin), 1e-12);
        Assert.Equal(fromFile.GetProperty("estimated_rel_error_frobenius").GetDouble(), fromStdin.GetProperty("estimated_rel_error_frobenius").GetDouble(), 1e-12);
        Assert.False(fromStdin.TryGetProperty("true_rel_error_frobenius", out _)); // standard input cannot be read again
        Assert.Equal(0, fromStdin.GetProperty("check_passes").GetInt64());
        // CSV on standard input: the rows are not known in advance (the sketch is sized as for n rows); the CSV file read
        // as a stream gives the same sketch, and the same values as the .npy to the sketch's accuracy
        var csvStdin = CliRunner.Json(CliRunner.RunWithInput(File.ReadAllBytes(csv), "svd", "-", "--rank", "5", "--passes", "1", "--json"));
        var csvFile = CliRunner.Json(CliRunner.Run("svd", csv, "--rank", "5", "--passes", "1", "--json"));
        Same(Values(csvFile), Values(csvStdin), 1e-12);
        Same(Values(fromFile), Values(csvStdin), 0.05);
    }

    [Fact]
    public void SketchFilesTakeUpdatesWithoutTheOldData()
    {
        var h = TestMatrices.Random(300, 80, 9);
        var sum = _a.Clone();
        for (int i = 0; i < sum.Data.Length; i++) sum.Data[i] += h.Data[i];
        string a = Npy("a.npy", _a), hPath = Npy("h.npy", h), sumPath = Npy("sum.npy", sum);
        string s1 = _dir.File("s1.npz"), s2 = _dir.File("s2.npz");
        Assert.Equal(0, CliRunner.Run("sketch", "create", a, "--rank", "5", "--seed", "4", "-o", s1).ExitCode);
        Assert.Equal(0, CliRunner.Run("sketch", "add", s1, hPath, "-o", s2).ExitCode);
        var finished = CliRunner.Json(CliRunner.Run("sketch", "finish", s2, "--rank", "5", "--json"));
        var direct = CliRunner.Json(CliRunner.Run("svd", sumPath, "--rank", "5", "--passes", "1", "--seed", "4", "--json"));
        Same(Values(direct), Values(finished), 1e-12); // the sketch of A + H from the sketch of A and H alone
        // new rows below: the first 100 rows sketched, the other 200 appended, with the sizes fixed by --storage
        string top = Npy("top.npy", Rows(_a, 0, 100)), rest = Npy("rest.npy", Rows(_a, 100, 200));
        string storage = direct.GetProperty("sketch_storage").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, CliRunner.Run("sketch", "create", top, "--rank", "5", "--storage", storage, "-o", _dir.File("t.npz")).ExitCode);
        var created = CliRunner.Json(CliRunner.Run("sketch", "add", _dir.File("t.npz"), rest, "--append", "-o", _dir.File("t2.npz"), "--json"));
        Assert.Equal(300, created.GetProperty("rows").GetInt32());
        // with s capped by n = 80 both sizings give k = 39, s = 80: the appended sketch is the sketch of the whole matrix
        var whole = CliRunner.Json(CliRunner.Run("sketch", "create", a, "--rank", "5", "--storage", storage, "-o", _dir.File("w.npz"), "--json"));
        foreach (string size in new[] { "sketch_range_size", "sketch_core_size" })
            Assert.Equal(whole.GetProperty(size).GetInt32(), created.GetProperty(size).GetInt32());
        Same(Values(CliRunner.Json(CliRunner.Run("sketch", "finish", _dir.File("w.npz"), "--rank", "5", "--json"))),
            Values(CliRunner.Json(CliRunner.Run("sketch", "finish", _dir.File("t2.npz"), "--rank", "5", "--json"))), 1e-12);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "truncated-stdin", ["svd", "-", "--rank", "3", "--passes", "1"], "error: -: truncated: the header says 300×80 float64 but the data ends in row 12" },
        { "mixed-stdin", ["svd", "-", "--rank", "3", "--passes", "1"], "error: -: line 7 has 79 fields, line 1 has 80" },
        { "mixed-file", ["svd", "FILE", "--rank", "3", "--memory", "160KB"], "line 7 has 79 fields, line 1 has 80" },
        { "missing-stdin", ["svd", "-", "--rank", "3", "--passes", "1"], "line 3, column 2: a missing entry" },
        { "unsorted", ["svd", "FILE", "--rank", "3", "--memory", "160KB"], "reading by rows needs the entries sorted by row" },
        { "pandas-stdin", ["svd", "-", "--rank", "1", "--passes", "1"], "line 1: the header starts with an empty cell, as pandas writes an index column" },
        { "npy-stdin", ["svd", "-", "--rank", "3"], "standard input can be read only once: it is read by the single-pass sketch (svd - --rank k --passes 1" },
        { "npy-stdin", ["svd", "-", "--rank", "3", "--passes", "1", "--power-iterations", "2"], "--passes 1 reads the data once, and --power-iterations needs another pass" },
        { "npy-stdin", ["svd", "-", "--rank", "3", "--passes", "1", "--tol", "1e-6"], "--tol needs another pass" },
        { "parts", ["svd", "FILE", "--rank", "3", "--passes", "1"], "has 79 columns but" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadStreamedInputIsOneLineExit2AndNothingWritten(string kind, string[] args, string message)
    {
        string csv = _dir.File("a.csv");
        DelimitedFile.Write(csv, _a, ',');
        string[] lines = File.ReadAllLines(csv);
        byte[] stdin = [];
        string file = "";
        switch (kind)
        {
            case "truncated-stdin": stdin = NpyBytes(_a)[..(128 + 12 * 80 * 8 + 100)]; break;
            case "mixed-stdin": stdin = Encoding.UTF8.GetBytes(string.Join("\n", lines.Select((l, i) => i == 6 ? l[..l.LastIndexOf(',')] : l))); break;
            case "mixed-file": file = _dir.Write("mixed.csv", string.Join("\n", lines.Select((l, i) => i == 6 ? l[..l.LastIndexOf(',')] : l))); break;
            case "missing-stdin": stdin = Encoding.UTF8.GetBytes(string.Join("\n", lines.Select((l, i) => i == 2 ? string.Join(",", l.Split(',').Select((c, j) => j == 1 ? "" : c)) : l))); break;
            case "unsorted": file = _dir.File("u.mtx"); MatrixMarketFile.Write(file, _a, coordinate: true); break;
            case "npy-stdin": stdin = NpyBytes(_a); break;
            case "pandas-stdin": stdin = Encoding.UTF8.GetBytes(",0,1\n0,1.5,2\n1,3,4\n2,5,6\n"); break;
            case "parts": file = Npy("p0.npy", _a); Npy("p1.npy", TestMatrices.Random(10, 79, 1)); break;
        }
        string output = _dir.File("s.csv");
        string[] full = [.. args.Select(a => a == "FILE" ? file : a), .. kind == "parts" ? new[] { _dir.File("p1.npy") } : [], "--out-s", output];
        var r = CliRunner.RunWithInput(stdin, full);
        Assert.True(r.ExitCode == 2, r.Stderr);
        Assert.Contains(message, r.Stderr);
        var errors = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("note: ")).ToArray();
        Assert.Single(errors);
        Assert.StartsWith("error: ", errors[0]);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ApproxRefusesStandardInputWhichOnlyTheSinglePassSketchReads()
    {
        string output = _dir.File("out.npy");
        var r = CliRunner.RunWithInput(NpyBytes(_a), "approx", "-", "--rank", "3", "-o", output);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: standard input can be read only once", r.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AnUpdateOfAnotherShapeIsRefused()
    {
        string a = Npy("a.npy", _a), s = _dir.File("s.npz"), out2 = _dir.File("s2.npz");
        Assert.Equal(0, CliRunner.Run("sketch", "create", a, "--rank", "3", "-o", s).ExitCode);
        var r = CliRunner.Run("sketch", "add", s, Npy("h.npy", Rows(_a, 0, 100)), "-o", out2);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the update has 100 rows, the sketched matrix 300", r.Stderr);
        Assert.False(File.Exists(out2));
    }
}
