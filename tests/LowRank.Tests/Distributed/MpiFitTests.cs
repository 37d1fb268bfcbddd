using System.Globalization;
using System.Text;
using LowRank.Completion;
using LowRank.IO;
using LowRank.Tests.Cli;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// <c>lowrank mpi -n P -- fit RATINGS --method als -o model.lrm</c> end to end with Open MPI: the model file rank 0
/// writes is the single-process fit's to 10⁻¹² (factors and biases; μ is reduced in another order), written once and
/// served by <c>recommend --model</c>; a bad ratings file stops every process with one line and exit 2, a model rank 0
/// cannot write with one line and exit 1.
/// </summary>
public class MpiFitTests
{
    private static CliRunner.Result Mpi(params string[] args) => CliRunner.RunProcess(new Dictionary<string, string>(), ["mpi", .. args]);

    /// <summary>A CSV ratings file of 50 users × 35 items with string-sorted numeric ids (users 1..50, items 101..135).</summary>
    private static string WriteRatings(string path)
    {
        var set = SyntheticRatings.Generate(50, 35, rank: 3, density: 0.3, noise: 0.3, seed: 5);
        var text = new StringBuilder("userId,movieId,rating\n");
        for (int e = 0; e < set.Count; e++)
            text.Append(CultureInfo.InvariantCulture, $"{set.Users[e] + 1},{set.Items[e] + 101},{Math.Round(set.Values[e] * 2) / 2}\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [FactWithMpirun]
    public void FitOnTwoAndThreeProcessesWritesTheSingleProcessModelOnce()
    {
        using var dir = new TempDirectory();
        string ratings = WriteRatings(dir.File("ratings.csv"));
        var reference = RecommenderModelFile.Read(Path.Combine(dir.Path, WriteSingle(dir, ratings)));
        foreach (int p in new[] { 2, 3 })
        {
            string model = dir.File($"m{p}.lrm");
            var run = Mpi("-n", $"{p}", "--", "fit", ratings, "--method", "als", "--rank", "4", "--epochs", "6", "--seed", "2", "-o", model, "--json");
            var json = CliRunner.Json(run);
            Assert.Equal(p, json.GetProperty("processes").GetInt32());
            Assert.Single(run.Stderr.Split('\n'), line => line.StartsWith("wrote ", StringComparison.Ordinal)); // rank 0 alone writes it
            var saved = RecommenderModelFile.Read(model);
            Assert.Equal(reference.Settings, saved.Settings);
            Assert.Equal(reference.UserIds, saved.UserIds);
            Assert.Equal(reference.RatedStart.ToArray(), saved.RatedStart.ToArray());
            AssertClose(reference.UserFactors, saved.UserFactors, $"P = {p}: user factors");
            AssertClose(reference.ItemFactors, saved.ItemFactors, $"P = {p}: item factors");
            AssertClose(reference.UserBias, saved.UserBias, $"P = {p}: user biases");
            AssertClose(reference.ItemBias, saved.ItemBias, $"P = {p}: item biases");
        }
        Assert.Equal(["m1.lrm", "m2.lrm", "m3.lrm", "ratings.csv"], dir.FileNames().Order(StringComparer.Ordinal));
        string[] Top(string model) => CliRunner.Json(CliRunner.Run("recommend", "--model", dir.File(model), "--user", "7", "--top", "3", "--json"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()!).ToArray();
        Assert.Equal(3, Top("m3.lrm").Length);
        Assert.Equal(Top("m1.lrm"), Top("m3.lrm"));
    }

    [FactWithMpirun]
    public void ABadRatingsFileOrAMethodWithoutADistributedPathStopsEveryProcessWithOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        string ratings = dir.File("ratings.csv");
        File.WriteAllText(ratings, "1,10,4\n2,10,3\n2,11,x\n3,11,5\n");
        var run = Mpi("-n", "2", "--", "fit", ratings, "-o", dir.File("m.lrm"), "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error: {ratings}: line 3: the rating (field 3) 'x' is not a finite number", run.Stderr.Trim());
        run = Mpi("-n", "2", "--", "fit", ratings, "--method", "sgd", "-o", dir.File("m.lrm"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --method sgd: a distributed fit runs als (use --method als, or run sgd on one process without lowrank mpi)", run.Stderr.Trim());
        Assert.Equal(["ratings.csv"], dir.FileNames());
    }

    [FactWithMpirun]
    public void AModelRankZeroCannotWriteStopsEveryProcessWithOneLineNamingItAndExitOne()
    {
        using var dir = new TempDirectory();
        string ratings = WriteRatings(dir.File("ratings.csv"));
        string model = Path.Combine(UnwritableFolder.In(dir), "m.lrm"); // only rank 0 writes, so only rank 0 fails
        var run = Mpi("-n", "2", "--", "fit", ratings, "--rank", "2", "--epochs", "1", "-o", model);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {model}: cannot write: permission denied", run.Stderr.Trim());
    }

    /// <summary>The single-process <c>fit</c> of the same settings, as m1.lrm.</summary>
    private static string WriteSingle(TempDirectory dir, string ratings)
    {
        var run = CliRunner.Run("fit", ratings, "--method", "als", "--rank", "4", "--epochs", "6", "--seed", "2", "-o", dir.File("m1.lrm"));
        Assert.Equal(0, run.ExitCode);
        return "m1.lrm";
    }

    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= 1e-12, $"{what} differ by up to {worst:E2}");
    }
}
