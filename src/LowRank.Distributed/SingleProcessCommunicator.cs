namespace LowRank.Distributed;

/// <summary>
/// The group of one process (MPI_COMM_SELF without MPI): every collective is the identity. The distributed algorithms
/// run on it unchanged, which is how a single process reproduces a distributed run's arithmetic.
/// </summary>
public sealed class SingleProcessCommunicator : ICommunicator
{
    public int Rank => 0;

    public int Size => 1;

    public void Allreduce(Span<double> values, Reduction reduction) { }

    public void Broadcast(Span<byte> buffer, int root) => RequireRoot(root);

    public void Broadcast(Span<double> buffer, int root) => RequireRoot(root);

    public double[] AllGather(ReadOnlySpan<double> local) => local.ToArray();

    public void Barrier() { }

    public void Abort(int exitCode) => Environment.Exit(exitCode);

    private static void RequireRoot(int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "a single process has only rank 0");
    }
}
