using LowRank.Completion;
using LowRank.Linalg;

namespace LowRank.Distributed.Als;

/// <summary>
/// Explicit ALS-WR (<see cref="AlsPredictor"/>: Zhou, Wilkinson, Schreiber &amp; Pan, "Large-scale parallel collaborative
/// filtering for the Netflix Prize", AAIM 2008, §3–4) over P processes, arranged as their §4 parallel ALS: users and
/// items are split into contiguous blocks (<see cref="LocalRatings"/>), every process keeps all factors of both sides,
/// and each half-sweep
/// <list type="number">
/// <item>solves this process's rows from the other side's full factors (<see cref="AlsPredictor.SolveRows"/>, the
/// single-process per-row solves), then</item>
/// <item>exchanges the solved blocks: one Allgatherv of this process's k + 1 numbers per row (factors and bias), so
/// every process holds the whole side again — (m + n)(k + 1) doubles received per sweep, independent of the ratings.</item>
/// </list>
/// μ and the training RMSE (from the item solves' squared errors) are sums reduced by Allreduce (one of 2 numbers, one of 1 per sweep); the
/// first item factor (Zhou et al. §3.2 step 1: the item's mean rating) comes from each item's process through the
/// first exchange. The initial random factors are drawn from the seed on every process, as on one. Each row's solve
/// reads the same numbers as on one process, so factors agree with <see cref="AlsPredictor"/> to rounding: only μ and
/// the RMSE are summed in another order (μ differs by a few units in the last place; docs/distributed.md gives the
/// tolerance the tests use). The stopping rule reads the reduced RMSE, the same on every process; a change within
/// rounding of the tolerance could end one process count's fit a sweep earlier than another's.
/// </summary>
public static class DistributedAls
{
    /// <summary>
    /// Fits on every process of <paramref name="communicator"/>, each with its own <paramref name="local"/> share of
    /// the same set and the same <paramref name="options"/>; returns the whole model on every process.
    /// </summary>
    public static DistributedAlsFit Fit(LocalRatings local, AlsOptions options, ICommunicator communicator, CancellationToken cancellationToken = default)
    {
        Validate(options);
        int k = options.Rank, m = local.UserCount, n = local.ItemCount;
        var solver = new AlsPredictor(options);
        var totals = new double[] { Sum(local.ByUser.Value), local.UserRatings };
        communicator.Allreduce(totals, Reduction.Sum);
        double trainingMean = totals[1] == 0 ? (local.Scale.Min + local.Scale.Max) / 2 : totals[0] / totals[1];
        double mean = options.Biases ? trainingMean : 0;
        var userFactors = new double[m * k];
        var itemFactors = new double[n * k];
        var userBias = new double[m];
        var itemBias = new double[n];

        // AlsPredictor.InitialiseItems: N(0, 0.1²) from the seed, then each item's first factor its mean rating − μ.
        Gaussian.Fill(itemFactors, new Random(options.Seed));
        for (int t = 0; t < itemFactors.Length; t++) itemFactors[t] *= 0.1;
        for (int i = local.Items.Start; i < local.Items.End; i++)
        {
            int count = local.ByItem.Length(i);
            itemFactors[i * k] = count == 0 ? 0 : Sum(local.ByItem.Value.AsSpan(local.ByItem.Start[i], count)) / count - mean;
        }
        Exchange(itemFactors, itemBias, k, local.Items, communicator);

        var changes = new List<double>();
        double previous = double.PositiveInfinity, rmse = 0;
        bool converged = false;
        for (int epoch = 0; epoch < options.Epochs && !converged; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Solve(solver, mean, local.ByUser, local.Users, userFactors, userBias, itemFactors, itemBias);
            Exchange(userFactors, userBias, k, local.Users, communicator);
            var squaredErrors = new[] { Solve(solver, mean, local.ByItem, local.Items, itemFactors, itemBias, userFactors, userBias) };
            Exchange(itemFactors, itemBias, k, local.Items, communicator);
            communicator.Allreduce(squaredErrors, Reduction.Sum);
            rmse = totals[1] == 0 ? 0 : Math.Sqrt(squaredErrors[0] / totals[1]);
            double change = Math.Abs(previous - rmse);
            changes.Add(double.IsFinite(change) ? change : rmse);
            converged = change < options.Tolerance;
            previous = rmse;
        }
        return new DistributedAlsFit(options, mean, trainingMean, userBias, itemBias, userFactors, itemFactors,
            new IterationTrace(changes.Count, converged, changes), rmse);
    }

    /// <summary>The checks <see cref="AlsPredictor"/> makes of its options, before the first collective.</summary>
    public static void Validate(AlsOptions options)
    {
        if (options.Rank < 1) throw new InvalidInputException($"als: the rank (number of factors) must be at least 1, not {options.Rank}");
        if (options.Lambda < 0) throw new InvalidInputException($"als: λ must be ≥ 0, not {options.Lambda}");
    }

    /// <summary>This process's rows of one half-sweep; returns their sum of squared training errors (after the item half-sweep, this process's share of the model's).</summary>
    private static double Solve(AlsPredictor solver, double mean, RatingLists lists, RowBlock block, double[] own, double[] ownBias, double[] other, double[] otherBias) =>
        block.Count > 0 ? solver.SolveRows(mean, lists, block.Start, block.End, own, ownBias, other, otherBias) : 0;

    /// <summary>
    /// One Allgatherv of every process's rows of <paramref name="factors"/> (k each) and <paramref name="bias"/>: sent as
    /// one block [factors; biases] per process, unpacked by the balanced partition of the side.
    /// </summary>
    internal static void Exchange(double[] factors, double[] bias, int k, RowBlock mine, ICommunicator communicator)
    {
        var send = new double[mine.Count * (k + 1)];
        factors.AsSpan(mine.Start * k, mine.Count * k).CopyTo(send);
        bias.AsSpan(mine.Start, mine.Count).CopyTo(send.AsSpan(mine.Count * k));
        var all = communicator.AllGather(send);
        int rows = bias.Length, offset = 0;
        for (int r = 0; r < communicator.Size; r++)
        {
            var block = RowBlock.For(rows, r, communicator.Size);
            all.AsSpan(offset, block.Count * k).CopyTo(factors.AsSpan(block.Start * k));
            all.AsSpan(offset + block.Count * k, block.Count).CopyTo(bias.AsSpan(block.Start));
            offset += block.Count * (k + 1);
        }
        if (offset != all.Length) throw new InvalidOperationException($"the exchange gathered {all.Length} numbers, the partition of {rows} rows gives {offset}");
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum;
    }
}
