namespace LowRank.SingularValueLearning;

/// <summary>Indices of the training and test matrices of a data set, and how they were chosen (SV-Learn, Xu, Shiao, Chen,
/// Papalexakis, ICDM Workshops, §IV-A, and a leakage-free alternative).</summary>
public sealed record DatasetSplit(string Name, int[] Train, int[] Test)
{
    /// <summary>
    /// The paper's protocol (SV-Learn §IV-A: 104,858 training and 18,505 test windows of Spambase): a seeded random
    /// permutation, the last ⌈<paramref name="testFraction"/>·N⌉ for testing. Overlapping windows share up to m − 1 of their
    /// m rows, so for windows of one matrix nearly every test window has near-copies in the training set (leakage).
    /// </summary>
    public static DatasetSplit Random(int count, double testFraction, int seed)
    {
        CheckFraction(testFraction);
        var order = Enumerable.Range(0, count).ToArray();
        new System.Random(seed).Shuffle(order);
        int test = (int)Math.Ceiling(testFraction * count);
        return new DatasetSplit("random", order[..(count - test)], order[(count - test)..]);
    }

    /// <summary>
    /// A leakage-free split of windows of one matrix by contiguous row blocks: the window origins 0 … R−1 are cut into
    /// <paramref name="blocks"/> equal blocks; in each, the last <paramref name="testFraction"/> of the origins are test
    /// windows, and the <paramref name="windowRows"/> − 1 origins on either side of each test run are dropped, so that no
    /// source row is in both a training and a test window. Several blocks keep both sides spread over the whole matrix
    /// (Spambase is sorted: spam rows first).
    /// </summary>
    public static DatasetSplit RowBlocks(int[] originRows, int windowRows, double testFraction, int blocks = 5)
    {
        CheckFraction(testFraction);
        if (originRows.Length == 0) return new DatasetSplit("row-blocks", [], []);
        int origins = originRows.Max() + 1, gap = windowRows - 1;
        var role = new sbyte[origins]; // 1 train, -1 test, 0 dropped
        Array.Fill(role, (sbyte)1);
        for (int b = 0; b < blocks; b++)
        {
            int start = (int)((long)origins * b / blocks), end = (int)((long)origins * (b + 1) / blocks);
            int testStart = end - (int)Math.Ceiling(testFraction * (end - start));
            for (int r = Math.Max(0, testStart - gap); r < Math.Min(origins, end + gap); r++)
                if (role[r] == 1) role[r] = 0;
            for (int r = testStart; r < end; r++) role[r] = -1;
        }
        var train = new List<int>();
        var test = new List<int>();
        for (int k = 0; k < originRows.Length; k++)
        {
            if (role[originRows[k]] == 1) train.Add(k);
            else if (role[originRows[k]] == -1) test.Add(k);
        }
        return new DatasetSplit("row-blocks", [.. train], [.. test]);
    }

    /// <summary>
    /// A split of matrices that come in groups (the windows of one image, <see cref="Windows.ExtractEach"/>) from a split
    /// of the groups: a matrix is on the side of its group, <paramref name="groupOf"/>[k] being the group of matrix k, so
    /// that no image has windows on both sides. Keeps the name of <paramref name="groups"/>.
    /// </summary>
    public static DatasetSplit ByGroup(DatasetSplit groups, int[] groupOf)
    {
        var role = new sbyte[1 + groupOf.Concat(groups.Train).Concat(groups.Test).DefaultIfEmpty(-1).Max()]; // 1 train, -1 test
        foreach (int g in groups.Train) role[g] = 1;
        foreach (int g in groups.Test) role[g] = -1;
        var train = new List<int>();
        var test = new List<int>();
        for (int k = 0; k < groupOf.Length; k++)
        {
            if (role[groupOf[k]] == 1) train.Add(k);
            else if (role[groupOf[k]] == -1) test.Add(k);
        }
        return new DatasetSplit(groups.Name, [.. train], [.. test]);
    }

    private static void CheckFraction(double f)
    {
        if (!(f > 0 && f < 1)) throw new InvalidInputException($"the test fraction must be in (0, 1), not {f}");
    }
}
