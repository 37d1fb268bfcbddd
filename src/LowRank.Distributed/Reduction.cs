namespace LowRank.Distributed;

/// <summary>The element-wise reductions of <see cref="ICommunicator.Allreduce"/> (MPI_SUM, MPI_MAX, MPI_MIN).</summary>
public enum Reduction
{
    Sum,
    Max,
    Min,
}
