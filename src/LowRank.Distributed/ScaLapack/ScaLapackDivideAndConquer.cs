using LowRank.Linalg;

namespace LowRank.Distributed.ScaLapack;

/// <summary>
/// The divide-and-conquer driver of the distributed exact SVD (<see cref="ScaLapackDriver.DivideAndConquer"/>): the
/// scheme of LAPACK's dgesdd (its path without a preliminary QR, Anderson et al., LAPACK Users' Guide §2.4.4) with the
/// two O(mn·min(m, n)) steps distributed by ScaLAPACK and the bidiagonal SVD replicated:
/// <list type="number">
/// <item><c>pdgebrd</c> reduces the block-cyclic A to bidiagonal form, Qᵀ·A·P = B (Householder, Blackford et al. 1997),
/// upper bidiagonal when m ≥ n and lower otherwise, both p×p with p = min(m, n);</item>
/// <item>B's diagonal and off-diagonal, which pdgebrd leaves in A's diagonal and first super- (m ≥ n) or sub-diagonal
/// (m &lt; n), go to every process: each adds the entries it holds into 2p − 1 zeros, one Allreduce sums them (exactly:
/// every entry has one owner);</item>
/// <item>LAPACK's <c>dbdsdc</c> (divide and conquer, Gu &amp; Eisenstat 1995; COMPQ = 'I') computes B = Q_B·Σ·P_Bᵀ on every
/// process — the same numbers everywhere, from the same inputs and the same library — or, for values only
/// (COMPQ = 'N'), Σ alone;</item>
/// <item>each process copies its block-cyclic pieces of [Q_B(:, 1:k); 0] (m×k) and [P_Bᵀ(1:k, :) 0] (k×n) out of the
/// replicated p×p matrices;</item>
/// <item><c>pdormbr</c> applies Q from the left (VECT = 'Q') and Pᵀ from the right (VECT = 'P'): U = Q·[Q_B; 0] and
/// Vᵀ = [P_Bᵀ 0]·Pᵀ, only the k columns (rows) asked for.</item>
/// </list>
/// Memory per process beyond the distributed matrices: 2p² doubles for Q_B and P_Bᵀ and dbdsdc's 3p² + 4p workspace
/// (5p² in all: 640 MB at p = 4,000), which is why <see cref="ScaLapackDriver.QrIteration"/> stays for matrices whose
/// p² does not fit one process. A is not scaled into the safe range first (dgesdd and pdgesvd do): entries within a few
/// orders of magnitude of overflow or underflow are outside this driver's range.
/// </summary>
internal static unsafe class ScaLapackDivideAndConquer
{
    /// <summary>
    /// Doubles this driver needs on one process beyond A's share and the distributed outputs, for
    /// <see cref="ScaLapackSvd.Validate"/>: B and the reflectors' scalars, dbdsdc's replicated matrices and workspace,
    /// and an upper bound of pdgebrd's and pdormbr's workspaces (NB·(mp + nq + 1) + nq, and NB·(2·max(mp, nq) + NB)).
    /// </summary>
    public static long WorkspaceBound(int m, int n, bool vectors, int blockSize, long mp, long nq)
    {
        long p = Math.Min(m, n), reflectors = 4 * Math.Max(mp, nq) + 2 * p;
        long reduction = (long)blockSize * (mp + nq + 1) + nq;
        if (!vectors) return reflectors + reduction + 4 * p + 4 * p; // dbdsdc 'N': 4p doubles, 8p integers
        long backTransform = (long)blockSize * (2 * Math.Max(mp, nq) + blockSize);
        return reflectors + Math.Max(reduction, backTransform) + 5 * p * p + 4 * p + 4 * p;
    }

    /// <summary>
    /// The SVD of the m×n matrix <paramref name="a"/> (block-cyclic on <paramref name="grid"/> in NB×NB blocks, described by
    /// <paramref name="aDescriptor"/>; destroyed): all p singular values in decreasing order, the same on every process,
    /// and with <paramref name="kept"/> &gt; 0 this process's pieces of the first k columns of U (m×k, described by
    /// <paramref name="uDescriptor"/>) and of the first k rows of Vᵀ (k×n, <paramref name="vtDescriptor"/>), both in
    /// the blocks of A, filled in place. Every process of the grid calls it; <paramref name="communicator"/> is the world
    /// the grid was made from.
    /// </summary>
    public static double[] Compute(BlacsGrid grid, ICommunicator communicator, int m, int n, int blockSize, double[] a, int[] aDescriptor,
        int kept, double[] u, int[] uDescriptor, double[] vt, int[] vtDescriptor)
    {
        var library = ScaLapackLibrary.Current;
        int p = Math.Min(m, n), nb = blockSize;
        int localLength = Math.Max(1, Math.Max(grid.LocalCount(m, nb, grid.MyRow, grid.Rows), grid.LocalCount(n, nb, grid.MyCol, grid.Cols)));
        double[] d = new double[localLength], e = new double[localLength], tauq = new double[localLength], taup = new double[localLength];

        // Step 1: Qᵀ·A·P = B.
        int info = Pdgebrd(library, m, n, a, aDescriptor, d, e, tauq, taup, new double[1], -1, out double optimal);
        if (info != 0) throw new InvalidOperationException($"pdgebrd's workspace query rejected argument {-info}");
        info = Pdgebrd(library, m, n, a, aDescriptor, d, e, tauq, taup, Workspace("pdgebrd", optimal), WorkLength(optimal), out _);
        if (info != 0) throw new InvalidOperationException($"pdgebrd rejected argument {-info}");

        // Step 2: B on every process.
        var bidiagonal = new double[2 * p - 1];
        for (int i = 0; i < p; i++)
        {
            AddIfLocal(grid, nb, a, aDescriptor, i, i, bidiagonal, i);
            if (i + 1 < p)
            {
                if (m >= n) AddIfLocal(grid, nb, a, aDescriptor, i, i + 1, bidiagonal, p + i);
                else AddIfLocal(grid, nb, a, aDescriptor, i + 1, i, bidiagonal, p + i);
            }
        }
        communicator.Allreduce(bidiagonal, Reduction.Sum);
        double[] s = bidiagonal[..p], off = p > 1 ? bidiagonal[p..] : new double[1];

        // Step 3: B = Q_B·Σ·P_Bᵀ.
        bool vectors = kept > 0;
        double[] qb = vectors ? new double[(long)p * p] : new double[1], pbt = vectors ? new double[(long)p * p] : new double[1];
        info = Dbdsdc(library, m >= n, vectors, p, s, off, qb, pbt);
        if (info < 0) throw new InvalidOperationException($"dbdsdc rejected argument {-info}");
        if (info > 0) throw new InvalidOperationException($"dbdsdc's divide and conquer did not converge (a singular value failed: INFO = {info})");
        if (!vectors) return s;

        // Step 4: the block-cyclic pieces of [Q_B(:, 1:k); 0] and [P_Bᵀ(1:k, :) 0].
        Fill(grid, nb, m, kept, u, uDescriptor, (i, j) => i < p ? qb[i + (long)j * p] : 0.0);
        Fill(grid, nb, kept, n, vt, vtDescriptor, (i, j) => j < p ? pbt[i + (long)j * p] : 0.0);
        qb = pbt = [];

        // Step 5: U = Q·[Q_B; 0], Vᵀ = [P_Bᵀ 0]·Pᵀ (K is n for Q and m for P, as pdgesvd passes them).
        ApplyReflectors(library, 'Q', 'L', 'N', m, kept, n, a, aDescriptor, tauq, u, uDescriptor);
        ApplyReflectors(library, 'P', 'R', 'T', kept, n, m, a, aDescriptor, taup, vt, vtDescriptor);
        return s;
    }

    /// <summary>Adds A(i, j) (0-based global) into <paramref name="target"/>[<paramref name="at"/>] when this process holds it.</summary>
    private static void AddIfLocal(BlacsGrid grid, int nb, double[] a, int[] descriptor, int i, int j, double[] target, int at)
    {
        var (rowOwner, localRow) = BlacsGrid.Locate(i, nb, grid.Rows);
        var (colOwner, localCol) = BlacsGrid.Locate(j, nb, grid.Cols);
        if (rowOwner == grid.MyRow && colOwner == grid.MyCol) target[at] += a[localRow + (long)localCol * descriptor[8]];
    }

    /// <summary>Sets this process's entries of a rows×cols block-cyclic matrix from its global entries (0-based).</summary>
    private static void Fill(BlacsGrid grid, int nb, int rows, int cols, double[] local, int[] descriptor, Func<int, int, double> entry)
    {
        int localRows = grid.LocalCount(rows, nb, grid.MyRow, grid.Rows), localCols = grid.LocalCount(cols, nb, grid.MyCol, grid.Cols), ld = descriptor[8];
        for (int lj = 0; lj < localCols; lj++)
        {
            int j = BlacsGrid.GlobalIndex(lj, nb, grid.MyCol, grid.Cols);
            for (int li = 0; li < localRows; li++)
                local[li + (long)lj * ld] = entry(BlacsGrid.GlobalIndex(li, nb, grid.MyRow, grid.Rows), j);
        }
    }

    private static double[] Workspace(string routine, double optimal)
    {
        int length = WorkLength(optimal);
        MemoryBudget.Require((long)length * sizeof(double), $"{routine}'s workspace ({length:N0} doubles)");
        return new double[length];
    }

    private static int WorkLength(double optimal)
    {
        double length = Math.Ceiling(optimal);
        if (length > int.MaxValue) throw new InvalidInputException($"ScaLAPACK asks for {length:N0} doubles of workspace on one process, more than a 32-bit LWORK; use more processes");
        return Math.Max(1, (int)length);
    }

    private static int Pdgebrd(ScaLapackLibrary library, int m, int n, double[] a, int[] aDescriptor, double[] d, double[] e, double[] tauq, double[] taup,
        double[] work, int lwork, out double firstWork)
    {
        int one = 1, info;
        fixed (double* pa = a.Length > 0 ? a : new double[1], pd = d, pe = e, pq = tauq, pp = taup, pw = work)
        fixed (int* da = aDescriptor)
        {
            library.Pdgebrd(&m, &n, pa, &one, &one, da, pd, pe, pq, pp, pw, &lwork, &info);
            firstWork = pw[0];
        }
        return info;
    }

    private static int Dbdsdc(ScaLapackLibrary library, bool upper, bool vectors, int p, double[] d, double[] e, double[] u, double[] vt)
    {
        byte uplo = (byte)(upper ? 'U' : 'L'), compq = (byte)(vectors ? 'I' : 'N');
        int ld = vectors ? p : 1, info;
        long workLength = vectors ? 3L * p * p + 4L * p : 4L * p;
        MemoryBudget.Require(workLength * sizeof(double), $"dbdsdc's workspace ({workLength:N0} doubles)");
        var work = new double[workLength];
        var iwork = new int[8L * p];
        double q = 0;
        int iq = 0;
        fixed (double* pd = d, pe = e, pu = u, pvt = vt, pw = work)
        fixed (int* piw = iwork)
            library.Dbdsdc(&uplo, &compq, &p, pd, pe, pu, &ld, pvt, &ld, &q, &iq, pw, piw, &info, 1, 1);
        return info;
    }

    /// <summary>pdormbr: C ← op(Q or P)·C or C·op(Q or P), after its workspace query; any INFO ≠ 0 is an error.</summary>
    private static void ApplyReflectors(ScaLapackLibrary library, char vect, char side, char trans, int m, int n, int k, double[] a, int[] aDescriptor,
        double[] tau, double[] c, int[] cDescriptor)
    {
        int info = Pdormbr(library, vect, side, trans, m, n, k, a, aDescriptor, tau, c, cDescriptor, new double[1], -1, out double optimal);
        if (info != 0) throw new InvalidOperationException($"pdormbr ('{vect}')'s workspace query rejected argument {-info}");
        info = Pdormbr(library, vect, side, trans, m, n, k, a, aDescriptor, tau, c, cDescriptor, Workspace("pdormbr", optimal), WorkLength(optimal), out _);
        if (info != 0) throw new InvalidOperationException($"pdormbr ('{vect}') rejected argument {-info}");
    }

    private static int Pdormbr(ScaLapackLibrary library, char vect, char side, char trans, int m, int n, int k, double[] a, int[] aDescriptor,
        double[] tau, double[] c, int[] cDescriptor, double[] work, int lwork, out double firstWork)
    {
        byte v = (byte)vect, sd = (byte)side, t = (byte)trans;
        int one = 1, info;
        fixed (double* pa = a.Length > 0 ? a : new double[1], ptau = tau, pc = c.Length > 0 ? c : new double[1], pw = work)
        fixed (int* da = aDescriptor, dc = cDescriptor)
        {
            library.Pdormbr(&v, &sd, &t, &m, &n, &k, pa, &one, &one, da, ptau, pc, &one, &one, dc, pw, &lwork, &info, 1, 1, 1);
            firstWork = pw[0];
        }
        return info;
    }
}
