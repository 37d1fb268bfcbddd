namespace LowRank.Distributed;

/// <summary>A failure other than bad input or I/O on one process of a distributed run, re-thrown on every other process.</summary>
public sealed class DistributedFailureException(int rank, string message) : Exception($"rank {rank}: {message}")
{
    /// <summary>The process that failed first.</summary>
    public int Rank { get; } = rank;
}
