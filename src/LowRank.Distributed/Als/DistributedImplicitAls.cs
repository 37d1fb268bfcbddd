using LowRank.Completion.Implicit;
using LowRank.Linalg;

namespace LowRank.Distributed.Als;

/// <summary>
/// Implicit-feedback ALS (<see cref="ImplicitAls"/>: Hu, Koren &amp; Volinsky, ICDM 2008, eq. 4, with the conjugate-gradient
/// solves of Takács, Pilászy &amp; Tikk 2011) over P processes, arranged as <see cref="DistributedAls"/>: contiguous blocks
/// of users and items, each half-sweep solving this process's rows from the other side's full factors and then one
/// Allgatherv of the solved k-row blocks. YᵀY is computed by every process from the gathered factors — replicated
/// work of n·k² per half-sweep instead of an Allreduce of k² numbers, but the very sum <see cref="ImplicitAls"/>
/// forms, so there is no reduction at all and every process count gives the single-process factors bit for bit.
/// </summary>
public static class DistributedImplicitAls
{
    /// <summary>
    /// Fits on every process of <paramref name="communicator"/>; <paramref name="train"/> is the whole set (each process
    /// keeps the rows of its blocks only); returns x_u (users × k) and y_i (items × k), row by row, on every process.
    /// </summary>
    public static (double[] UserFactors, double[] ItemFactors) Fit(Interactions train, ImplicitAlsOptions options, ICommunicator communicator,
        CancellationToken cancellationToken = default)
    {
        var solver = new ImplicitAls(options);
        solver.Validate();
        int k = options.Factors, m = train.UserCount, n = train.ItemCount;
        var users = RowBlock.For(m, communicator.Rank, communicator.Size);
        var items = RowBlock.For(n, communicator.Rank, communicator.Size);
        var byUser = ImplicitAls.Side.Of(Rows(train.UserRows, users), options.Confidence);
        var byItem = ImplicitAls.Side.Of(Rows(train.ItemRows, items), options.Confidence);
        var userFactors = new double[m * k];
        var itemFactors = new double[n * k];
        // ImplicitAls.Fit: item factors N(0, σ²) from the seed, the same on every process; user factors 0.
        Gaussian.Fill(itemFactors, new Random(options.Seed));
        for (int t = 0; t < itemFactors.Length; t++) itemFactors[t] *= options.InitStd;
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (users.Count > 0) solver.SolveRows(byUser, users.Start, users.End, userFactors, itemFactors, n);
            Exchange(userFactors, k, users, communicator);
            if (items.Count > 0) solver.SolveRows(byItem, items.Start, items.End, itemFactors, userFactors, m);
            Exchange(itemFactors, k, items, communicator);
        }
        return (userFactors, itemFactors);
    }

    /// <summary>The rows of <paramref name="block"/> of a whole index (offsets over all rows, the others empty).</summary>
    private static (int[] Start, int[] Other, double[] Strengths) Rows((int[] Start, int[] Other, double[] Strengths) all, RowBlock block)
    {
        int rows = all.Start.Length - 1, from = all.Start[block.Start], to = all.Start[block.End];
        var start = new int[rows + 1];
        for (int row = 0; row < rows; row++)
            start[row + 1] = row < block.Start ? 0 : row < block.End ? all.Start[row + 1] - from : to - from;
        return (start, all.Other[from..to], all.Strengths[from..to]);
    }

    /// <summary>One Allgatherv of every process's k-row block of <paramref name="factors"/>.</summary>
    private static void Exchange(double[] factors, int k, RowBlock mine, ICommunicator communicator)
    {
        var all = communicator.AllGather(factors.AsSpan(mine.Start * k, mine.Count * k));
        if (all.Length != factors.Length) throw new InvalidOperationException($"the exchange gathered {all.Length} numbers, not {factors.Length}");
        all.CopyTo(factors, 0);
    }
}
