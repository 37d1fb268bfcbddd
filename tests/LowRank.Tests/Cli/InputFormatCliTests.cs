using LowRank.Tests.IO;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>The CLI side of 16-bit images, delimiter detection and options, and the pandas index note.</summary>
public sealed class InputFormatCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static double Sigma1(CliRunner.Result r) => CliRunner.Json(r).GetProperty("singular_values")[0].GetDouble();

    [Fact]
    public void SvdOfA16BitPngMatchesNumpy()
    {
        double expected = Fixtures.Sigma1("grey16.png");
        Assert.Equal(expected, Sigma1(CliRunner.Run("svd", Fixtures.Path("grey16.png"), "--rank", "1", "--json")), 1e-9 * expected);
    }

    [Fact]
    public void ApproxOfA16BitPngWritesSixteenBitPngAndWarnsOnJpeg()
    {
        string png = _dir.File("a.png"), jpg = _dir.File("a.jpg");
        var r = CliRunner.Run("approx", Fixtures.Path("grey16.png"), "--rank", "24", "-o", png, "--json");
        CliRunner.Json(r);
        Assert.DoesNotContain("16-bit", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(16, File.ReadAllBytes(png)[24]);
        var j = CliRunner.Run("approx", Fixtures.Path("grey16.png"), "--rank", "24", "-o", jpg, "--json");
        CliRunner.Json(j);
        Assert.Contains($"warning: {jpg}: a 16-bit image written as 8-bit .jpg", j.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PandasIndexIsDroppedWithANoteOnStderr()
    {
        var r = CliRunner.Run("svd", Fixtures.Path("pandas-index.csv"), "--json");
        Assert.Equal(Fixtures.Sigma1("pandas-index.csv"), Sigma1(r), 1e-12);
        Assert.StartsWith("note: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("pandas index", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void SemicolonDecimalCommaFileWithTheOption()
    {
        var r = CliRunner.Run("svd", Fixtures.Path("semicolon-decimal-comma.csv"), "--decimal-comma", "--json");
        Assert.Equal(Fixtures.Sigma1("semicolon-decimal-comma.csv"), Sigma1(r), 1e-9);
    }

    [Fact]
    public void SemicolonFileNeedsNoOption()
    {
        var r = CliRunner.Run("svd", _dir.Write("m.csv", "x;y\n3;0\n0;4\n"), "--json");
        Assert.Equal(4, Sigma1(r), 1e-12);
    }

    [Theory]
    [InlineData("comma", "ambiguous")]
    [InlineData("pipe", "--delimiter must be comma, semicolon, tab or whitespace")]
    public void BadDelimiterChoicesAreExit2OnOneLine(string delimiter, string expected)
    {
        var r = CliRunner.Run("svd", Fixtures.Path("semicolon-decimal-comma.csv"), "--decimal-comma", "--delimiter", delimiter);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void RatingsCommandsTakeTheTextOptions()
    {
        string path = _dir.Write("r.csv", "u1;i1;3,5\nu1;i2;4\nu2;i1;1,5\nu2;i3;5\nu3;i2;2,5\nu3;i3;4\n");
        var r = CliRunner.Run("recommend", path, "--user", "u1", "--method", "baseline", "--decimal-comma", "--json");
        CliRunner.Json(r);
        var bad = CliRunner.Run("recommend", path, "--user", "u1", "--method", "baseline", "--json");
        Assert.Equal(2, bad.ExitCode);
    }
}
