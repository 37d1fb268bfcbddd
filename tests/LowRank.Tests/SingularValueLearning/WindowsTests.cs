using LowRank.Cli.Demo;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.SingularValueLearning;
using Xunit;

namespace LowRank.Tests.SingularValueLearning;

public class WindowsTests
{
    [Fact]
    public void Spambase_as_in_the_paper_gives_123363_windows()
    {
        var spambase = MatrixFile.Read(DemoContext.Sample("spambase.csv")).Values;
        Assert.Equal((4_601, 58), (spambase.Rows, spambase.Cols));
        Assert.Equal(123_363, Windows.Count(4_600, spambase.Cols, 32, 32, 1));
        Assert.Equal(104_858 + 18_505, Windows.Count(4_600, 58, 32, 32, 1));
    }

    [Fact]
    public void Extract_cuts_every_window_row_major_with_its_origin()
    {
        var a = Matrix.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 }, { 10, 11, 12 } });
        var stack = Windows.Extract(a, 2, 2, 1, out int[] origins);
        Assert.Equal(Windows.Count(4, 3, 2, 2, 1), stack.Count);
        Assert.Equal(6, stack.Count);
        Assert.Equal([1f, 2, 4, 5], stack.Flat(0).ToArray());
        Assert.Equal([2f, 3, 5, 6], stack.Flat(1).ToArray());
        Assert.Equal([10f, 11, 12], [stack.Flat(4)[2], stack.Flat(5)[2], stack.Flat(5)[3]]);
        Assert.Equal([0, 0, 1, 1, 2, 2], origins);
        Assert.Equal(2, Windows.Extract(a, 2, 2, 2, out _).Count);
        Assert.Equal(10.0, stack.ToMatrix(4)[1, 0]); // window 4 = rows 2–3, columns 0–1
    }

    [Fact]
    public void ExtractEach_cuts_every_matrix_of_a_stack_and_a_split_by_group_keeps_each_image_on_one_side()
    {
        // Two 3×4 "images" with entries 100·k + 10·i + j.
        var images = new MatrixStack(2, 3, 4, [.. Enumerable.Range(0, 24).Select(x => (float)(100 * (x / 12) + 10 * (x % 12 / 4) + x % 4))]);
        var stack = Windows.ExtractEach(images, 2, 3, 1, out int[] sources);
        Assert.Equal(2 * Windows.Count(3, 4, 2, 3, 1), stack.Count);
        Assert.Equal((2, 3), (stack.Rows, stack.Cols));
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], sources);
        Assert.Equal([0f, 1, 2, 10, 11, 12], stack.Flat(0).ToArray());
        Assert.Equal([11f, 12, 13, 21, 22, 23], stack.Flat(3).ToArray());
        Assert.Equal([111f, 112, 113, 121, 122, 123], stack.Flat(7).ToArray());
        var strided = Windows.ExtractEach(images, 2, 2, 2, out int[] stridedSources);
        Assert.Equal([0, 0, 1, 1], stridedSources);
        Assert.Equal([102f, 103, 112, 113], strided.Flat(3).ToArray());
        Assert.Throws<InvalidInputException>(() => Windows.ExtractEach(images, 4, 4, 1, out _));

        var split = DatasetSplit.ByGroup(new DatasetSplit("images", [1], [0]), sources);
        Assert.Equal("images", split.Name);
        Assert.Equal([4, 5, 6, 7], split.Train);
        Assert.Equal([0, 1, 2, 3], split.Test);
    }

    [Fact]
    public void Windows_that_do_not_fit_are_refused()
    {
        Assert.Throws<InvalidInputException>(() => Windows.Count(10, 5, 32, 32, 1));
        Assert.Throws<InvalidInputException>(() => Windows.Count(40, 40, 32, 32, 0));
    }

    [Fact]
    public void Standardized_columns_have_mean_0_and_std_1()
    {
        var a = Matrix.FromArray(new double[,] { { 1, 5, 2 }, { 3, 5, 4 }, { 8, 5, 9 } });
        var z = Windows.StandardizeColumns(a);
        foreach (int j in new[] { 0, 2 })
        {
            var c = z.Column(j).ToArray();
            Assert.Equal(0, c.Average(), 12);
            Assert.Equal(1, Math.Sqrt(c.Average(x => x * x)), 12);
        }
        Assert.All(z.Column(1).ToArray(), x => Assert.Equal(0, x)); // constant column
    }

    [Fact]
    public void Row_block_split_shares_no_source_row_between_train_and_test()
    {
        var a = Gaussian.Matrix(300, 40, new Random(1));
        Windows.Extract(a, 32, 32, 1, out int[] origins);
        var split = DatasetSplit.RowBlocks(origins, 32, 0.15);
        Assert.NotEmpty(split.Train);
        Assert.NotEmpty(split.Test);
        var testRows = split.Test.SelectMany(k => Enumerable.Range(origins[k], 32)).ToHashSet();
        Assert.DoesNotContain(split.Train.SelectMany(k => Enumerable.Range(origins[k], 32)), testRows.Contains);

        // The gap is exactly wide enough: some training window ends on the row just before a test window starts.
        Assert.Contains(split.Train, k => testRows.Contains(origins[k] + 32));
    }

    [Fact]
    public void Random_split_is_a_seeded_partition()
    {
        var random = DatasetSplit.Random(1_000, 0.15, 3);
        Assert.Equal(1_000, random.Train.Concat(random.Test).Distinct().Count());
        Assert.Equal(150, random.Test.Length);
        Assert.Equal(random, DatasetSplit.Random(1_000, 0.15, 3) with { }, SplitComparer.Instance);
        Assert.NotEqual(random.Test, DatasetSplit.Random(1_000, 0.15, 4).Test);
    }

    [Fact]
    public void Spambase_is_z_scored_on_all_58_columns_of_its_first_4600_rows()
    {
        var first = MatrixFile.Read(DemoContext.Sample("spambase.csv")).Values.LeadingRows(4_600);
        var z = Windows.StandardizeColumns(first);
        Assert.Equal((4_600, 58), (z.Rows, z.Cols));
        var label = z.Column(57).ToArray(); // the spam/ham class column is part of the matrix, as in the paper
        Assert.Equal(2, label.Distinct().Count());
        for (int j = 0; j < 58; j++)
        {
            var c = z.Column(j).ToArray();
            Assert.Equal(0, c.Average(), 9);
            Assert.Equal(1, Math.Sqrt(c.Average(x => x * x)), 9); // population standard deviation (ddof = 0)
        }
    }

    private sealed class SplitComparer : IEqualityComparer<DatasetSplit>
    {
        public static readonly SplitComparer Instance = new();

        public bool Equals(DatasetSplit? x, DatasetSplit? y) =>
            x!.Name == y!.Name && x.Train.SequenceEqual(y.Train) && x.Test.SequenceEqual(y.Test);

        public int GetHashCode(DatasetSplit obj) => obj.Name.GetHashCode();
    }
}
