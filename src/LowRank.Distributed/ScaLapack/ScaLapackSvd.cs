using LowRank.Linalg;

namespace LowRank.Distributed.ScaLapack;

/// <summary>
/// The exact dense SVD of a matrix held by rows over the processes of MPI_COMM_WORLD, by ScaLAPACK (Blackford et al.,
/// ScaLAPACK Users' Guide, SIAM 1997): Householder reduction to bidiagonal form (pdgebrd), the SVD of the bidiagonal,
/// and the transformations applied back (pdormbr). The bidiagonal SVD is the <see cref="ScaLapackDriver"/>'s: divide and
/// conquer (LAPACK's dbdsdc, the algorithm of dgesdd) replicated on every process
/// (<see cref="ScaLapackDivideAndConquer"/>), or <c>pdgesvd</c>'s implicit-shift QR iteration (LAPACK's dbdsqr, Demmel
/// &amp; Kahan 1990), each process updating its own rows of U and columns of Vᵀ — slower, but with no min(m, n)² matrix
/// on every process, so it serves a matrix no single node holds. Steps:
/// <list type="number">
/// <item>each process holds rows <see cref="RowBlockFor"/> — blocks of ⌈m/P⌉ rows, the last shorter (or empty), which
/// is a P×1 block distribution ScaLAPACK can describe (the balanced <see cref="RowBlock.For"/> split is not);</item>
/// <item>pdgemr2d redistributes A to NB×NB blocks, cyclic over a near-square grid (<see cref="Grid"/>);</item>
/// <item>the driver gives all min(m, n) singular values on every process and U and Vᵀ block-cyclic (pdgesvd, after a
/// workspace query (LWORK = −1), all min(m, n) columns of U and rows of Vᵀ; divide and conquer, the first k);</item>
/// <item>pdgemr2d moves the first k columns of U back to the row blocks (U is never gathered on one process) and the
/// first k rows of Vᵀ to rank 0 alone;</item>
/// <item>the sign rule of the single-process path (<see cref="DistributedSignConvention"/>) is applied, so the result
/// equals <see cref="LowRank.Decompositions.ExactSvd"/> up to rounding (and up to rotations within clusters of equal
/// singular values, where the vectors are not unique).</item>
/// </list>
/// </summary>
public static unsafe class ScaLapackSvd
{
    /// <summary>The block size NB of the 2-D block-cyclic layout, the one place of its default (docs/distributed.md: measured against 32 and 128).</summary>
    public const int DefaultBlockSize = 64;

    /// <summary>The driver of the bidiagonal SVD, the one place of its default (docs/distributed.md: measured against pdgesvd).</summary>
    public const ScaLapackDriver DefaultDriver = ScaLapackDriver.DivideAndConquer;

    /// <summary>The install command printed when ScaLAPACK is missing.</summary>
    public const string InstallCommand = ScaLapackLibrary.InstallCommand;

    /// <summary>
    /// The most nearly square grid of all <paramref name="processes"/>: Pr × Pc with Pr the largest divisor of P not above √P
    /// (1×2, 1×3, 2×2, 2×3, …): a square-ish grid balances the block-cyclic load and keeps the row and column broadcasts
    /// of the factorisations short, as the ScaLAPACK Users' Guide advises.
    /// </summary>
    public static (int Rows, int Cols) Grid(int processes)
    {
        if (processes < 1) throw new ArgumentOutOfRangeException(nameof(processes), processes, "a grid needs at least one process");
        int rows = (int)Math.Sqrt(processes);
        while (processes % rows != 0) rows--;
        return (rows, processes / rows);
    }

    /// <summary>⌈m/P⌉ (at least 1): the rows of every process's block but the last ones.</summary>
    public static int RowBlockHeight(int rows, int processes) => Math.Max(1, (int)(((long)rows + processes - 1) / processes));

    /// <summary>The rows process <paramref name="rank"/> of <paramref name="processes"/> reads: [r·h, min(m, (r + 1)·h)) with h = <see cref="RowBlockHeight"/>.</summary>
    public static RowBlock RowBlockFor(int rows, int rank, int processes)
    {
        if (processes < 1 || rank < 0 || rank >= processes) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in 0..{processes - 1}");
        long h = RowBlockHeight(rows, processes), start = Math.Min(rows, rank * h), end = Math.Min(rows, (rank + 1) * h);
        return new RowBlock((int)start, (int)(end - start));
    }

    /// <summary>
    /// The checks <see cref="Compute"/> makes before its first collective, for a caller to run where the processes agree
    /// on failures (<see cref="Agreement"/>): the rank, the block size, and this process's memory (an upper bound of its
    /// share of A, U, Vᵀ and pdgesvd's workspace), which may fail on one process only. Also loads ScaLAPACK, so that a
    /// missing library is an agreed error, not a crash.
    /// </summary>
    public static void Validate(int totalRows, int cols, int? k, bool vectors, int blockSize, int processes, ScaLapackDriver driver = DefaultDriver)
    {
        int m = totalRows, n = cols, p = Math.Min(m, n);
        if (p < 1) throw new InvalidInputException($"the matrix is {m}×{n}: nothing to decompose");
        if (k is int rank && (rank < 1 || rank > p)) throw new InvalidInputException($"rank k = {rank} must be between 1 and min(m, n) = {p}");
        if (blockSize < 1) throw new InvalidInputException($"the block size must be at least 1, not {blockSize}");
        _ = ScaLapackLibrary.Current;
        var (pr, pc) = Grid(processes);
        long mp = LocalBound(m, blockSize, pr), nq = LocalBound(n, blockSize, pc), pq = LocalBound(p, blockSize, pc), pp = LocalBound(p, blockSize, pr);
        long rowBlock = (long)RowBlockHeight(m, processes) * n, outputs = (long)RowBlockHeight(m, processes) * (k ?? p) + (long)(k ?? p) * n;
        long doubles = rowBlock + mp * nq;
        if (driver == ScaLapackDriver.QrIteration)
        {
            doubles += 6L * Math.Max(m, n) + (long)blockSize * (mp + nq + 1) + nq;
            if (vectors) doubles += mp * pq + pp * nq + (long)p * ((m + n) / processes + 2) + outputs;
        }
        else
        {
            long kq = LocalBound(k ?? p, blockSize, pc), kp = LocalBound(k ?? p, blockSize, pr);
            doubles += ScaLapackDivideAndConquer.WorkspaceBound(m, n, vectors, blockSize, mp, nq);
            if (vectors) doubles += mp * kq + kp * nq + outputs;
        }
        string routine = driver == ScaLapackDriver.QrIteration ? "pdgesvd" : "the divide-and-conquer SVD";
        string hint = driver == ScaLapackDriver.DivideAndConquer && vectors ? " (5·min(m, n)² of it on every process; --driver qr distributes it)" : "";
        MemoryBudget.Require(doubles * sizeof(double), $"{routine} of a {m}×{n} matrix on {processes} processes ({pr}×{pc} grid, blocks of {blockSize}){hint}");
        if (driver == ScaLapackDriver.DivideAndConquer && vectors && 3L * p * p + 4L * p > Array.MaxLength)
            throw new InvalidInputException($"the divide-and-conquer SVD of a {m}×{n} matrix needs a workspace of {3L * p * p + 4L * p:N0} doubles on every process, more than one array holds; use --driver qr");
        foreach (long local in new[] { rowBlock, mp * nq, mp * pq, pp * nq })
            if (local > Array.MaxLength)
                throw new InvalidInputException($"a {m}×{n} matrix on {processes} processes leaves one process {local:N0} entries, more than ScaLAPACK's 32-bit local indices address; use more processes");
    }

    /// <summary>
    /// The SVD of the m×n matrix whose rows <paramref name="block"/> (<see cref="RowBlockFor"/>) are <paramref name="localRows"/>
    /// on this process: all min(m, n) singular values, or the leading <paramref name="k"/>, on every process; with
    /// <paramref name="vectors"/>, this process's rows of the first k columns of U and, on rank 0 only, the first k rows
    /// of Vᵀ (a k×0 matrix elsewhere; also without vectors). Every process of MPI_COMM_WORLD calls it with the same
    /// arguments but its rows; <paramref name="communicator"/> must be that world (BLACS grids are made from it).
    /// </summary>
    public static DistributedSvd Compute(Matrix localRows, RowBlock block, int totalRows, int? k, bool vectors, ICommunicator communicator,
        int blockSize = DefaultBlockSize, ScaLapackDriver driver = DefaultDriver)
    {
        int m = totalRows, n = localRows.Cols, processes = communicator.Size, p = Math.Min(m, n), kept = k ?? p;
        if (block != RowBlockFor(m, communicator.Rank, processes) || localRows.Rows != block.Count)
            throw new ArgumentException($"process {communicator.Rank} holds rows {block.Start}..{block.End - 1} ({localRows.Rows} read); pdgemr2d's row blocks give it {RowBlockFor(m, communicator.Rank, processes)}");
        var library = ScaLapackLibrary.Current;
        var (pr, pc) = Grid(processes);
        int height = RowBlockHeight(m, processes), nb = blockSize;
        using var rowGrid = BlacsGrid.Create(processes, 1);
        using var grid = BlacsGrid.Create(pr, pc);
        using var rootGrid = BlacsGrid.Create(1, 1);
        if (rowGrid.MyRow != communicator.Rank)
            throw new InvalidOperationException($"process {communicator.Rank} is row {rowGrid.MyRow} of the BLACS grid: the communicator is not MPI_COMM_WORLD");

        // Step 2: from P×1 row blocks to NB×NB blocks on the Pr×Pc grid.
        var (rowsDescriptor, _, _) = rowGrid.Describe(m, n, height, n);
        var (aDescriptor, mp, nq) = grid.Describe(m, n, nb, nb);
        var a = new double[(long)mp * nq];
        Redistribute(library, m, n, localRows.Data, rowsDescriptor, a, aDescriptor, rowGrid.Context);

        // Step 3: the driver; A is destroyed (it is our copy).
        int[] uDescriptor = aDescriptor, vtDescriptor = aDescriptor;
        double[] u = [], vt = [];
        int columns = driver == ScaLapackDriver.QrIteration ? p : kept; // pdgesvd computes all p, divide and conquer the k kept
        if (vectors)
        {
            (uDescriptor, int uRows, int uCols) = grid.Describe(m, columns, nb, nb);
            (vtDescriptor, int vtRows, int vtCols) = grid.Describe(columns, n, nb, nb);
            u = new double[(long)uRows * uCols];
            vt = new double[(long)vtRows * vtCols];
        }
        double[] s = driver == ScaLapackDriver.QrIteration
            ? QrIteration(library, vectors, m, n, a, aDescriptor, u, uDescriptor, vt, vtDescriptor)
            : ScaLapackDivideAndConquer.Compute(grid, communicator, m, n, nb, a, aDescriptor, vectors ? kept : 0, u, uDescriptor, vt, vtDescriptor);
        double[] values = s[..kept];
        if (!vectors) return new DistributedSvd(m, n, values, new Matrix(kept, 0), null, block);

        // Step 4: the first k columns of U to the row blocks, the first k rows of Vᵀ to rank 0.
        var (uRowsDescriptor, _, _) = rowGrid.Describe(m, kept, height, kept);
        var localU = new Matrix(block.Count, kept);
        Redistribute(library, m, kept, u, uDescriptor, localU.Data, uRowsDescriptor, rowGrid.Context);
        var (rootDescriptor, rootRows, rootCols) = rootGrid.Describe(kept, n, kept, n);
        var vtRoot = new Matrix(rootRows, rootCols);
        Redistribute(library, kept, n, vt, vtDescriptor, vtRoot.Data, rootDescriptor, rowGrid.Context);
        if (!rootGrid.Contains) vtRoot = new Matrix(kept, 0);

        // Step 5: the single-process sign rule.
        DistributedSignConvention.Apply(localU, vtRoot, communicator);
        return new DistributedSvd(m, n, values, vtRoot, localU, block);
    }

    /// <summary>An upper bound of NUMROC: ⌈⌈n/nb⌉/P⌉·nb.</summary>
    private static long LocalBound(int n, int nb, int processes)
    {
        long blocks = ((long)n + nb - 1) / nb;
        return (blocks + processes - 1) / processes * nb;
    }

    /// <summary>pdgemr2d: sub(B) = sub(A), both m×n from global (1, 1), over <paramref name="context"/> (a grid of every process).</summary>
    private static void Redistribute(ScaLapackLibrary library, int m, int n, double[] source, int[] sourceDescriptor, double[] target, int[] targetDescriptor, int context)
    {
        int one = 1;
        fixed (double* a = NonEmpty(source), b = NonEmpty(target))
        fixed (int* da = sourceDescriptor, db = targetDescriptor)
            library.Pdgemr2d(&m, &n, a, &one, &one, da, b, &one, &one, db, &context);
    }

    /// <summary>pdgesvd after its workspace query: all p singular values, and with <paramref name="vectors"/> all p columns of U and rows of Vᵀ.</summary>
    private static double[] QrIteration(ScaLapackLibrary library, bool vectors, int m, int n, double[] a, int[] aDescriptor,
        double[] u, int[] uDescriptor, double[] vt, int[] vtDescriptor)
    {
        int p = Math.Min(m, n);
        var s = new double[p];
        int info = Pdgesvd(library, vectors, m, n, a, aDescriptor, s, u, uDescriptor, vt, vtDescriptor, new double[1], -1, out double optimal);
        if (info != 0) throw new InvalidOperationException($"pdgesvd's workspace query rejected argument {-info}");
        long lwork = (long)Math.Ceiling(optimal);
        if (lwork > int.MaxValue) throw new InvalidInputException($"pdgesvd asks for {lwork:N0} doubles of workspace on one process, more than a 32-bit LWORK; use more processes");
        MemoryBudget.Require(lwork * sizeof(double), $"pdgesvd's workspace ({lwork:N0} doubles)");
        info = Pdgesvd(library, vectors, m, n, a, aDescriptor, s, u, uDescriptor, vt, vtDescriptor, new double[lwork], (int)lwork, out _);
        if (info < 0) throw new InvalidOperationException($"pdgesvd rejected argument {-info}");
        if (info == p + 1) throw new InvalidOperationException("pdgesvd found different singular values on different processes (heterogeneous arithmetic); the result cannot be trusted");
        if (info > 0) throw new InvalidOperationException($"pdgesvd's bidiagonal QR iteration (dbdsqr) did not converge ({info} superdiagonals left)");
        return s;
    }

    private static int Pdgesvd(ScaLapackLibrary library, bool vectors, int m, int n, double[] a, int[] aDescriptor, double[] s,
        double[] u, int[] uDescriptor, double[] vt, int[] vtDescriptor, double[] work, int lwork, out double firstWork)
    {
        byte job = (byte)(vectors ? 'V' : 'N');
        int one = 1, info;
        fixed (double* pa = NonEmpty(a), ps = s, pu = NonEmpty(u), pvt = NonEmpty(vt), pw = work)
        fixed (int* da = aDescriptor, du = uDescriptor, dvt = vtDescriptor)
        {
            library.Pdgesvd(&job, &job, &m, &n, pa, &one, &one, da, ps, pu, &one, &one, du, pvt, &one, &one, dvt, pw, &lwork, &info, 1, 1);
            firstWork = pw[0];
        }
        return info;
    }

    /// <summary>A local array of a process that holds no entries still needs a valid address for the Fortran routines.</summary>
    private static double[] NonEmpty(double[] local) => local.Length > 0 ? local : new double[1];
}
