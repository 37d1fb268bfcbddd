using System.Numerics.Tensors;
using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// The rows of <see cref="RowBlock"/> on this process, the rest of the m rows on the communicator's other processes:
/// the layout (<see cref="IRowLayout"/>) that turns a single-process algorithm into its row-partitioned form. A sum
/// over rows is one Allreduce of its partial sums; a norm is the square root of one Allreduce of the local sums of
/// squares (and, when that sum overflowed or came near underflow, of an AllGather of the local scaled norms, as
/// <see cref="EuclideanNorm.Fast"/> falls back on one process). Every process gets the same bits, so every branch
/// taken on a sum is taken alike.
/// </summary>
public sealed class DistributedRows(RowBlock block, int totalRows, ICommunicator communicator) : IRowLayout
{
    public int TotalRows { get; } = totalRows;

    public int Start => block.Start;

    public int Count => block.Count;

    public void Sum(Span<double> partial) => communicator.Allreduce(partial, Reduction.Sum);

    public double Norm(ReadOnlySpan<double> local)
    {
        Span<double> sum = [TensorPrimitives.SumOfSquares(local)];
        communicator.Allreduce(sum, Reduction.Sum);
        return EuclideanNorm.IsAccurate(sum[0]) ? Math.Sqrt(sum[0]) : EuclideanNorm.Of(communicator.AllGather([EuclideanNorm.Of(local)]));
    }
}
