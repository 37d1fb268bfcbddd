using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class SvmlightFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OneBasedLinesBecomeRowsWithTheirLabels()
    {
        string path = _dir.Write("a.svm", "# a comment line\n+1 qid:3 1:0.5 4:-2 # trailing comment\n-1\n\n2.5 2:1e-3 3:7\n");
        MatrixContent content = MatrixFile.ReadAny(path);
        Assert.Equal([1.0, -1.0, 2.5], content.Labels!);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.5, 0, 0, -2 }, { 0, 0, 0, 0 }, { 0, 1e-3, 7, 0 } }), content.Sparse!.ToDense());
    }

    [Fact]
    public void ZeroBasedWhenStated()
    {
        string path = _dir.Write("z.libsvm", "1 0:3 2:4\n0 1:5\n");
        MatrixContent content = MatrixFile.ReadAny(path, new MatrixReadOptions(ZeroBased: true));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 3.0, 0, 4 }, { 0, 5, 0 } }), content.Sparse!.ToDense());
        Assert.Equal($"{path}: line 1: index 0 in a one-based file (if the file counts from 0, read it as zero-based)",
            IoFixtures.Error(() => MatrixFile.ReadAny(path)));
    }

    [Fact]
    public void IndicesMustIncreaseAlongALine()
    {
        string path = _dir.Write("u.svm", "1 1:1 3:2\n1 3:1 2:2\n");
        Assert.Equal($"{path}: line 2: index 2 follows 3; indices must increase along a line", IoFixtures.Error(() => MatrixFile.ReadAny(path)));
        string repeated = _dir.Write("r.svm", "1 2:1 2:2\n");
        Assert.Equal($"{repeated}: line 1: index 2 follows 2; indices must increase along a line", IoFixtures.Error(() => MatrixFile.ReadAny(repeated)));
    }

    [Theory]
    [InlineData("1 2:nan\n", "line 1: the value of index 2 is nan; values must be finite")]
    [InlineData("1 2:inf\n", "line 1: the value of index 2 is inf; values must be finite")]
    [InlineData("x 2:1\n", "line 1: the label 'x' is not a finite number")]
    [InlineData("1 2=1\n", "line 1: '2=1' is not index:value")]
    [InlineData("1 -2:1\n", "line 1: the index in '-2:1' is not a non-negative integer")]
    [InlineData("1\n2\n", "no line has a feature (index:value), so the matrix has no columns")]
    [InlineData("# nothing\n", "the file has no rows")]
    public void BadLinesAreRefusedWithTheirPlace(string text, string message)
    {
        string path = _dir.Write("b.svm", text);
        Assert.Equal($"{path}: {message}", IoFixtures.Error(() => MatrixFile.ReadAny(path)));
    }
}
