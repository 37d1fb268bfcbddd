namespace LowRank.Distributed.Mpi;

/// <summary>
/// MPI_COMM_WORLD of Open MPI. <see cref="Start"/> initialises MPI (once per process, as MPI requires) and
/// <see cref="Dispose"/> finalises it. Long buffers are sent in pieces of at most <see cref="MaxCount"/> elements,
/// since MPI counts are C ints.
/// </summary>
public sealed unsafe class MpiCommunicator : ICommunicator, IDisposable
{
    /// <summary>The longest piece one MPI call is given.</summary>
    public const int MaxCount = 1 << 30;

    private readonly OpenMpiLibrary _mpi;
    private bool _disposed;

    private MpiCommunicator(OpenMpiLibrary mpi, int rank, int size)
    {
        _mpi = mpi;
        Rank = rank;
        Size = size;
    }

    /// <summary>
    /// Initialises MPI (MPI_Init) and returns the world communicator. Throws <see cref="InvalidInputException"/> with
    /// the install command when Open MPI is not installed.
    /// </summary>
    public static MpiCommunicator Start()
    {
        var mpi = OpenMpiLibrary.Current;
        int flag;
        OpenMpiLibrary.Check(mpi.Initialized(&flag), "MPI_Initialized");
        if (flag != 0) throw new InvalidOperationException("MPI is already initialised in this process");
        OpenMpiLibrary.Check(mpi.Init(null, null), "MPI_Init");
        int rank, size;
        OpenMpiLibrary.Check(mpi.CommRank(mpi.CommWorld, &rank), "MPI_Comm_rank");
        OpenMpiLibrary.Check(mpi.CommSize(mpi.CommWorld, &size), "MPI_Comm_size");
        return new MpiCommunicator(mpi, rank, size);
    }

    public int Rank { get; }

    public int Size { get; }

    public void Allreduce(Span<double> values, Reduction reduction)
    {
        IntPtr op = reduction switch
        {
            Reduction.Sum => _mpi.OpSum,
            Reduction.Max => _mpi.OpMax,
            Reduction.Min => _mpi.OpMin,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction)),
        };
        for (int start = 0; start < values.Length; start += MaxCount)
        {
            int count = Math.Min(MaxCount, values.Length - start);
            fixed (double* p = values.Slice(start, count))
                OpenMpiLibrary.Check(_mpi.Allreduce((void*)OpenMpiLibrary.InPlace, p, count, _mpi.Double, op, _mpi.CommWorld), "MPI_Allreduce");
        }
    }

    public void Broadcast(Span<byte> buffer, int root)
    {
        for (int start = 0; start < buffer.Length; start += MaxCount)
        {
            int count = Math.Min(MaxCount, buffer.Length - start);
            fixed (byte* p = buffer.Slice(start, count))
                OpenMpiLibrary.Check(_mpi.Bcast(p, count, _mpi.Byte, root, _mpi.CommWorld), "MPI_Bcast");
        }
    }

    public void Broadcast(Span<double> buffer, int root)
    {
        for (int start = 0; start < buffer.Length; start += MaxCount)
        {
            int count = Math.Min(MaxCount, buffer.Length - start);
            fixed (double* p = buffer.Slice(start, count))
                OpenMpiLibrary.Check(_mpi.Bcast(p, count, _mpi.Double, root, _mpi.CommWorld), "MPI_Bcast");
        }
    }

    /// <summary>MPI_Allgather of the lengths, then one MPI_Allgatherv of the blocks (whose total must fit an int).</summary>
    public double[] AllGather(ReadOnlySpan<double> local)
    {
        var counts = new int[Size];
        int mine = local.Length;
        fixed (int* c = counts)
            OpenMpiLibrary.Check(_mpi.Allgather(&mine, 1, _mpi.Int, c, 1, _mpi.Int, _mpi.CommWorld), "MPI_Allgather");
        var offsets = new int[Size];
        long total = 0;
        for (int r = 0; r < Size; r++)
        {
            if (total + counts[r] > int.MaxValue) throw new InvalidOperationException($"AllGather of {total + counts[r]:N0} values exceeds one MPI call");
            offsets[r] = (int)total;
            total += counts[r];
        }
        var result = new double[total];
        fixed (double* send = local, receive = result)
        fixed (int* c = counts, o = offsets)
            OpenMpiLibrary.Check(_mpi.Allgatherv(send, mine, _mpi.Double, receive, c, o, _mpi.Double, _mpi.CommWorld), "MPI_Allgatherv");
        return result;
    }

    public void Barrier() => OpenMpiLibrary.Check(_mpi.Barrier(_mpi.CommWorld), "MPI_Barrier");

    public void Abort(int exitCode)
    {
        _mpi.Abort(_mpi.CommWorld, exitCode);
        Environment.Exit(exitCode); // MPI_Abort does not return; this is the belt to its braces
    }

    /// <summary>MPI_Finalize: every process must call it before it exits normally.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        int flag;
        if (_mpi.Finalized(&flag) == 0 && flag == 0) _mpi.Finalize();
    }
}
