using System.Runtime.InteropServices;

namespace LowRank.Linalg;

/// <summary>
/// The native backend: the system OpenBLAS (BLAS + LAPACK in one library, Debian/Ubuntu package
/// <c>libopenblas0-pthread</c>) called through unmanaged function pointers. LAPACK routines are called by
/// their Fortran symbols (<c>dgesdd_</c>, ...), passing the hidden character-length arguments gfortran expects.
/// </summary>
public sealed unsafe class OpenBlasBackend : ILinalgBackend
{
    private const int ColMajor = 102, NoTrans = 111, Trans = 112;

    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemm;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> _sgemm;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, double, double*, int, double*, int, double, double*, int, void> _dgemv;
    private readonly delegate* unmanaged[Cdecl]<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void> _dgesdd;
    private readonly delegate* unmanaged[Cdecl]<int*, int*, double*, int*, double*, double*, int*, int*, void> _dgeqrf;
    private readonly delegate* unmanaged[Cdecl]<int*, int*, int*, double*, int*, double*, double*, int*, int*, void> _dorgqr;
    private readonly delegate* unmanaged[Cdecl]<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void> _dsyevd;
    private readonly delegate* unmanaged[Cdecl]<byte*, int*, double*, int*, int*, nuint, void> _dpotrf;
    private readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, int, double, double*, int, double*, int, void> _dtrsm;
    private readonly delegate* unmanaged[Cdecl]<int, void> _setThreads;
    private readonly delegate* unmanaged[Cdecl]<int> _getThreads;
    private readonly delegate* unmanaged[Cdecl]<byte*> _getConfig;

    private OpenBlasBackend(IntPtr handle, string library)
    {
        Library = library;
        _dgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dgemm");
        _sgemm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(handle, "cblas_sgemm");
        _dgemv = (delegate* unmanaged[Cdecl]<int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dgemv");
        _dgesdd = (delegate* unmanaged[Cdecl]<byte*, int*, int*, double*, int*, double*, double*, int*, double*, int*, double*, int*, int*, int*, nuint, void>)NativeLibrary.GetExport(handle, "dgesdd_");
        _dgeqrf = (delegate* unmanaged[Cdecl]<int*, int*, double*, int*, double*, double*, int*, int*, void>)NativeLibrary.GetExport(handle, "dgeqrf_");
        _dorgqr = (delegate* unmanaged[Cdecl]<int*, int*, int*, double*, int*, double*, double*, int*, int*, void>)NativeLibrary.GetExport(handle, "dorgqr_");
        _dsyevd = (delegate* unmanaged[Cdecl]<byte*, byte*, int*, double*, int*, double*, double*, int*, int*, int*, int*, nuint, nuint, void>)NativeLibrary.GetExport(handle, "dsyevd_");
        _dpotrf = (delegate* unmanaged[Cdecl]<byte*, int*, double*, int*, int*, nuint, void>)NativeLibrary.GetExport(handle, "dpotrf_");
        _dtrsm = (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, int, double, double*, int, double*, int, void>)NativeLibrary.GetExport(handle, "cblas_dtrsm");
        _setThreads = (delegate* unmanaged[Cdecl]<int, void>)NativeLibrary.GetExport(handle, "openblas_set_num_threads");
        _getThreads = (delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(handle, "openblas_get_num_threads");
        _getConfig = (delegate* unmanaged[Cdecl]<byte*>)NativeLibrary.GetExport(handle, "openblas_get_config");
    }

    public string Name => "native";

    public string Library { get; }

    /// <summary>OpenBLAS's own description of its build (version, kernel, threading).</summary>
    public string Configuration => Marshal.PtrToStringAnsi((IntPtr)_getConfig()) ?? "";

    public int Threads
    {
        get => _getThreads();
        set => _setThreads(Math.Max(1, value));
    }

    /// <summary>Library names and paths tried in order after <c>LOWRANK_OPENBLAS</c>.</summary>
    public static readonly string[] StandardNames =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/libopenblas.so.0",
        "/usr/lib64/libopenblas.so.0",
        "libopenblas.so",
        "libopenblas.dylib",
        "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
        "libopenblas.dll",
    ];

    /// <summary>
    /// Loads OpenBLAS: the path in <paramref name="explicitPath"/> (from <c>LOWRANK_OPENBLAS</c>) if given, else the
    /// first of <see cref="StandardNames"/> that loads and exports every kernel. Returns null (with the reason) if none does.
    /// </summary>
    public static OpenBlasBackend? TryLoad(string? explicitPath, out string failure)
    {
        var candidates = string.IsNullOrEmpty(explicitPath) ? StandardNames : [explicitPath];
        var reasons = new List<string>();
        foreach (string name in candidates)
        {
            if (!NativeLibrary.TryLoad(name, out IntPtr handle)) { reasons.Add($"{name}: not loadable"); continue; }
            try
            {
                var backend = new OpenBlasBackend(handle, LoadedPath(handle) ?? name);
                failure = "";
                return backend;
            }
            catch (EntryPointNotFoundException e)
            {
                reasons.Add($"{name}: {e.Message}");
            }
        }
        failure = string.Join("; ", reasons);
        return null;
    }

    /// <summary>The file the dynamic loader actually opened (via dladdr), so that `lowrank info` names it.</summary>
    private static string? LoadedPath(IntPtr handle)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return null;
        try
        {
            IntPtr symbol = NativeLibrary.GetExport(handle, "cblas_dgemm");
            DlInfo info;
            return DlAddr(symbol, &info) != 0 ? Marshal.PtrToStringAnsi(info.FileName) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public IntPtr FileName, FileBase, SymbolName, SymbolAddress;
    }

    [DllImport("libc", EntryPoint = "dladdr")]
    private static extern int DlAddr(IntPtr address, DlInfo* info);

    public void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        KernelArguments.Gemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (n == 1 && k > 0)
        {
            // One column: dgemv. OpenBLAS 0.3.21's dgemm packs op(A) even for n = 1, which made the Gram–Schmidt
            // products Qᵀx and x − Q·h of the Lanczos reorthogonalisation several times slower than dgemv. With β = 0
            // the output is cleared first, so that whatever it held (NaN included) is ignored, as dgemm does.
            if (beta == 0) c[..m].Clear();
            fixed (double* pa = a, pb = b, pc = c)
                _dgemv(ColMajor, transA ? Trans : NoTrans, transA ? k : m, transA ? m : k, alpha, pa, Math.Max(1, lda),
                    pb, transB ? Math.Max(1, ldb) : 1, beta, pc, 1);
            return;
        }
        fixed (double* pa = a, pb = b, pc = c)
            _dgemm(ColMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, Math.Max(1, lda),
                pb, Math.Max(1, ldb), beta, pc, Math.Max(1, ldc));
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        KernelArguments.Gemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
            _sgemm(ColMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, Math.Max(1, lda),
                pb, Math.Max(1, ldb), beta, pc, Math.Max(1, ldc));
    }

    public (Matrix? U, double[] S, Matrix? VT) Svd(Matrix a, bool computeVectors)
    {
        int m = a.Rows, n = a.Cols, p = Math.Min(m, n);
        var s = new double[p];
        if (p == 0) return (computeVectors ? new Matrix(m, 0) : null, s, computeVectors ? new Matrix(0, n) : null);
        Matrix? u = computeVectors ? new Matrix(m, p) : null;
        Matrix? vt = computeVectors ? new Matrix(p, n) : null;
        byte jobz = computeVectors ? (byte)'S' : (byte)'N';
        int lda = m, ldu = m, ldvt = computeVectors ? p : 1, info = 0, lwork = -1;
        var iwork = new int[checked(8 * p)];
        double query = 0;
        double[] dummy = [0];
        fixed (double* pa = a.Data, ps = s, pu = u?.Data ?? dummy, pvt = vt?.Data ?? dummy)
        fixed (int* piw = iwork)
        {
            _dgesdd(&jobz, &m, &n, pa, &lda, ps, pu, &ldu, pvt, &ldvt, &query, &lwork, piw, &info, 1);
            Check("dgesdd", info);
            lwork = KernelArguments.Workspace("dgesdd", query);
            var work = new double[lwork];
            fixed (double* pw = work)
                _dgesdd(&jobz, &m, &n, pa, &lda, ps, pu, &ldu, pvt, &ldvt, pw, &lwork, piw, &info, 1);
            Check("dgesdd", info);
        }
        return (u, s, vt);
    }

    public Matrix OrthonormalColumns(Matrix a)
    {
        int m = a.Rows, n = a.Cols, k = n, lda = Math.Max(1, m), info = 0, lwork = -1;
        if (n > m) throw new ArgumentException($"OrthonormalColumns needs rows ≥ columns, got {m}×{n}");
        if (n == 0) return a;
        var tau = new double[n];
        double query = 0;
        fixed (double* pa = a.Data, pt = tau)
        {
            _dgeqrf(&m, &n, pa, &lda, pt, &query, &lwork, &info);
            Check("dgeqrf", info);
            int geqrfWork = KernelArguments.Workspace("dgeqrf", query);
            lwork = -1;
            _dorgqr(&m, &n, &k, pa, &lda, pt, &query, &lwork, &info);
            Check("dorgqr", info);
            lwork = Math.Max(geqrfWork, KernelArguments.Workspace("dorgqr", query));
            var work = new double[lwork];
            fixed (double* pw = work)
            {
                _dgeqrf(&m, &n, pa, &lda, pt, pw, &lwork, &info);
                Check("dgeqrf", info);
                _dorgqr(&m, &n, &k, pa, &lda, pt, pw, &lwork, &info);
                Check("dorgqr", info);
            }
        }
        return a;
    }

    public bool Cholesky(Matrix g)
    {
        int n = g.Rows, lda = Math.Max(1, n), info = 0;
        if (g.Cols != n) throw new ArgumentException($"Cholesky needs a square matrix, got {g.Rows}×{g.Cols}");
        byte uplo = (byte)'U';
        fixed (double* pg = g.Data)
            _dpotrf(&uplo, &n, pg, &lda, &info, 1);
        if (info < 0) throw new LapackException("dpotrf", info);
        if (info > 0) return false;
        for (int j = 0; j < n; j++) g.Data.AsSpan(j * n + j + 1, n - j - 1).Clear();
        return true;
    }

    public void SolveUpperTriangularRight(Matrix r, Matrix y)
    {
        const int right = 142, upper = 121, nonUnit = 131;
        KernelArguments.SolveUpperTriangularRight(r, y);
        if (y.Rows == 0 || y.Cols == 0) return;
        fixed (double* pr = r.Data, py = y.Data)
            _dtrsm(ColMajor, right, upper, NoTrans, nonUnit, y.Rows, y.Cols, 1.0, pr, Math.Max(1, r.Rows), py, Math.Max(1, y.Rows));
    }

    public (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a)
    {
        int n = a.Rows, lda = Math.Max(1, n), info = 0, lwork = -1, liwork = -1, iquery = 0;
        if (a.Cols != n) throw new ArgumentException($"SymmetricEigen needs a square matrix, got {a.Rows}×{a.Cols}");
        var w = new double[n];
        if (n == 0) return (w, a);
        byte jobz = (byte)'V', uplo = (byte)'L';
        double query = 0;
        fixed (double* pa = a.Data, pw = w)
        {
            _dsyevd(&jobz, &uplo, &n, pa, &lda, pw, &query, &lwork, &iquery, &liwork, &info, 1, 1);
            Check("dsyevd", info);
            lwork = KernelArguments.Workspace("dsyevd", query);
            liwork = Math.Max(1, iquery);
            var work = new double[lwork];
            var iwork = new int[liwork];
            fixed (double* pwork = work)
            fixed (int* piwork = iwork)
                _dsyevd(&jobz, &uplo, &n, pa, &lda, pw, pwork, &lwork, piwork, &liwork, &info, 1, 1);
            Check("dsyevd", info);
        }
        return (w, a);
    }

    private static void Check(string routine, int info)
    {
        if (info != 0) throw new LapackException(routine, info);
    }
}
