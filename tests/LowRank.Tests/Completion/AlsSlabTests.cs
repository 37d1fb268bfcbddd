using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>
/// The slab path of <see cref="AlsPredictor"/> (a half-sweep in passes over slabs of the other side's factor rows, each
/// row's partial normal equations kept between passes), forced on small data by shrinking the slab, against the
/// default one-pass path: bit-identical where k is a multiple of 8 and every row's partners are in ascending order,
/// equal to rounding otherwise.
/// </summary>
public class AlsSlabTests
{
    private const int Users = 60, SlabUsers = 10;

    /// <summary>
    /// Items whose raters cross every slab boundary, fill exactly one slab (users 10–19), skip the middle slabs, sit on
    /// both sides of each boundary, rate at random, rate fewer than k + 1 times (the dual solve) or not at all; with the
    /// partial sums kept for all items at once or for groups of three.
    /// </summary>
    [Theory]
    [InlineData(1L << 30)]
    [InlineData(3L)]
    public void TheItemHalfSweepOverSlabsIsBitIdenticalToOnePass(long groupRows)
    {
        const int k = 8;
        var random = new Random(7);
        var raters = new[]
        {
            Enumerable.Range(0, Users).ToHashSet(),
            Enumerable.Range(SlabUsers, SlabUsers).ToHashSet(),
            Enumerable.Range(0, SlabUsers).Concat(Enumerable.Range(4 * SlabUsers, 2 * SlabUsers)).ToHashSet(),
            Enumerable.Range(0, Users).Where(u => u % SlabUsers is 0 or SlabUsers - 1).ToHashSet(),
            Enumerable.Range(0, Users).Where(_ => random.NextDouble() < 0.5).ToHashSet(),
            new HashSet<int> { 5, 17, 33, 59 },
            new HashSet<int>(),
        };
        var ratings = UserMajor(raters, random);
        var options = new AlsOptions(Rank: k, Lambda: 0.4, Epochs: 3, Tolerance: 0);
        var onePass = Fit(new AlsPredictor(options), ratings);
        var slabs = Fit(new AlsPredictor(options) { SlabBytes = SlabUsers * k * sizeof(double), PartialSumsBytes = groupRows * Stride(k) }, ratings);
        Assert.Equal(onePass.Predictions, slabs.Predictions);
        Assert.Equal(onePass.Changes, slabs.Changes);
    }

    /// <summary>
    /// Random data with slabs of two rows on both sides (the user half-sweep split too): k = 5 (the Gram's tiles then sum
    /// into a padded scratch per pass) and partners in random order within each row (a slab's partners are then summed
    /// apart from the others') change the rounding only.
    /// </summary>
    [Theory]
    [InlineData(5, false)]
    [InlineData(8, true)]
    [InlineData(5, true)]
    public void TinySlabsOnBothSidesChangeTheRoundingOnly(int k, bool shuffled)
    {
        var random = new Random(11);
        var raters = Enumerable.Range(0, 9).Select(_ => Enumerable.Range(0, 40).Where(_ => random.NextDouble() < 0.6).ToHashSet()).ToArray();
        var ratings = UserMajor(raters, random, shuffled);
        var options = new AlsOptions(Rank: k, Lambda: 0.4, Epochs: 4, Tolerance: 0);
        var onePass = Fit(new AlsPredictor(options), ratings);
        var slabs = Fit(new AlsPredictor(options) { SlabBytes = 2 * k * sizeof(double), PartialSumsBytes = 4 * Stride(k) }, ratings);
        for (int e = 0; e < onePass.Predictions.Length; e++) Assert.Equal(onePass.Predictions[e], slabs.Predictions[e], 1e-12);
        for (int s = 0; s < onePass.Changes.Length; s++) Assert.Equal(onePass.Changes[s], slabs.Changes[s], 1e-12);
    }

    /// <summary>Bytes of one row's partial sums in the slab path, as AlsPredictor lays them out (k² + 2k + 2 doubles, padded to 8).</summary>
    private static long Stride(int k) => ((k * k + 2 * k + 2 + 7) & ~7) * sizeof(double);

    /// <summary>Ratings 1–5 of the given raters per item on an unbounded scale (so predictions are never clipped), entered user by user (each item's raters ascending) or in random order.</summary>
    private static RatingSet UserMajor(IReadOnlyList<HashSet<int>> raters, Random random, bool shuffled = false)
    {
        var entries = new List<(int User, int Item, double Value)>();
        int users = raters.Max(r => r.Count == 0 ? 0 : r.Max() + 1);
        for (int u = 0; u < users; u++)
            for (int i = 0; i < raters.Count; i++)
                if (raters[i].Contains(u)) entries.Add((u, i, 1 + random.Next(5)));
        if (shuffled) entries = [.. entries.OrderBy(_ => random.Next())];
        return new RatingSet(users, raters.Count, [.. entries.Select(e => e.User)], [.. entries.Select(e => e.Item)], [.. entries.Select(e => e.Value)],
            RatingScale.Unbounded);
    }

    private static (double[] Predictions, double[] Changes) Fit(AlsPredictor als, RatingSet ratings)
    {
        als.Fit(ratings);
        var predictions = new List<double>();
        for (int u = 0; u < ratings.UserCount; u++)
            for (int i = 0; i < ratings.ItemCount; i++) predictions.Add(als.Predict(u, i));
        return ([.. predictions], [.. als.Trace!.RelativeChanges]);
    }
}
