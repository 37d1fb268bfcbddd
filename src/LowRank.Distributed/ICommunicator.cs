namespace LowRank.Distributed;

/// <summary>
/// The collective operations the distributed algorithms need, over a fixed group of processes numbered 0..Size−1
/// (MPI's ranks). Every member must call every collective in the same order with the same lengths, as in MPI.
/// </summary>
public interface ICommunicator
{
    /// <summary>This process's number in the group, 0..Size−1.</summary>
    int Rank { get; }

    /// <summary>The number of processes in the group.</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/>, element by element, with the reduction over all processes (MPI_Allreduce).</summary>
    void Allreduce(Span<double> values, Reduction reduction);

    /// <summary>Copies <paramref name="buffer"/> of process <paramref name="root"/> into every process's buffer (MPI_Bcast).</summary>
    void Broadcast(Span<byte> buffer, int root);

    /// <summary>Copies <paramref name="buffer"/> of process <paramref name="root"/> into every process's buffer (MPI_Bcast).</summary>
    void Broadcast(Span<double> buffer, int root);

    /// <summary>Every process's <paramref name="local"/> block, concatenated in rank order, on every process (MPI_Allgatherv).</summary>
    double[] AllGather(ReadOnlySpan<double> local);

    /// <summary>Waits until every process has called it (MPI_Barrier).</summary>
    void Barrier();

    /// <summary>Ends every process of the group with exit status <paramref name="exitCode"/> (MPI_Abort); does not return.</summary>
    void Abort(int exitCode);
}
