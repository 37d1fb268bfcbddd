using System.Runtime.InteropServices;
using LowRank.Distributed.Mpi;

namespace LowRank.Distributed.ScaLapack;

/// <summary>
/// ScaLAPACK and its BLACS, built on Open MPI (Debian's <c>libscalapack-openmpi.so.2.x</c>), called through unmanaged
/// function pointers and loaded on first use only, after Open MPI (<see cref="OpenMpiLibrary"/>), whose
/// <c>libmpi.so.40</c> the library links against.
/// <para>
/// Why P/Invoke to the library's own symbols and no C shim: as for <see cref="OpenMpiLibrary"/>, it keeps the build
/// free of a C or Fortran compiler and of any native build step, and the symbols are the library's stable ABI. The
/// process grid is made through the BLACS C interface (<c>Cblacs_get</c>, <c>Cblacs_gridinit</c>,
/// <c>Cblacs_gridinfo</c>, <c>Cblacs_gridexit</c>: ints by value), whose default system context (<c>Cblacs_get</c>
/// with what = 0) is MPI_COMM_WORLD. ScaLAPACK itself has only Fortran entry points (<c>numroc_</c>,
/// <c>descinit_</c>, <c>pdgemr2d_</c>, <c>pdgesvd_</c>): gfortran's convention is the lower-case name with a trailing
/// underscore, every argument by reference, 1-based global indices, and after the listed arguments one hidden length
/// (<c>size_t</c>, gfortran ≥ 8) per CHARACTER argument — all of which a function-pointer signature expresses directly,
/// so a shim would only add a build step. Integers are 32-bit (Debian builds ScaLAPACK with LP64 integers).
/// </para>
/// </summary>
internal sealed unsafe class ScaLapackLibrary
{
    /// <summary>The file names tried, newest soname first (Debian 12: 2.2; Debian 11: 2.1), then the -dev symlink.</summary>
    public static readonly string[] FileNames = ["libscalapack-openmpi.so.2.2", "libscalapack-openmpi.so.2.1", "libscalapack-openmpi.so"];

    /// <summary>The variable that names the library file to load instead of <see cref="FileNames"/> (another build of ScaLAPACK on Open MPI).</summary>
    public const string PathVariable = "LOWRANK_SCALAPACK";

    /// <summary>The Debian/Ubuntu package that provides ScaLAPACK on Open MPI.</summary>
    public const string InstallCommand = "apt-get install libscalapack-openmpi-dev";

    private static readonly Lazy<ScaLapackLibrary> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded library (loaded at the first call); throws <see cref="InvalidInputException"/> with the install line if absent.</summary>
    public static ScaLapackLibrary Current => Instance.Value;

    /// <summary>The file that was loaded.</summary>
    public string FileName { get; }

    /// <summary><c>void Cblacs_get(int context, int what, int* value)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int, int*, void> BlacsGet;

    /// <summary><c>void Cblacs_gridinit(int* context, char* order, int nprow, int npcol)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int*, byte*, int, int, void> BlacsGridInit;

    /// <summary><c>void Cblacs_gridinfo(int context, int* nprow, int* npcol, int* myrow, int* mycol)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, int*, int*, int*, int*, void> BlacsGridInfo;

    /// <summary><c>void Cblacs_gridexit(int context)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int, void> BlacsGridExit;

    /// <summary><c>INTEGER FUNCTION NUMROC(N, NB, IPROC, ISRCPROC, NPROCS)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int*, int*, int*, int*, int*, int> Numroc;

    /// <summary><c>SUBROUTINE DESCINIT(DESC, M, N, MB, NB, IRSRC, ICSRC, ICTXT, LLD, INFO)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int*, int*, int*, int*, int*, int*, int*, int*, int*, int*, void> DescInit;

    /// <summary><c>SUBROUTINE PDGEMR2D(M, N, A, IA, JA, DESCA, B, IB, JB, DESCB, ICTXT)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int*, int*, double*, int*, int*, int*, double*, int*, int*, int*, int*, void> Pdgemr2d;

    /// <summary>
    /// <c>SUBROUTINE PDGESVD(JOBU, JOBVT, M, N, A, IA, JA, DESCA, S, U, IU, JU, DESCU, VT, IVT, JVT, DESCVT, WORK, LWORK,
    /// INFO)</c>, then the hidden lengths of JOBU and JOBVT.
    /// </summary>
    public readonly delegate* unmanaged[Cdecl]<byte*, byte*, int*, int*, double*, int*, int*, int*, double*, double*, int*, int*, int*,
        double*, int*, int*, int*, double*, int*, int*, nuint, nuint, void> Pdgesvd;

    /// <summary><c>SUBROUTINE PDGEBRD(M, N, A, IA, JA, DESCA, D, E, TAUQ, TAUP, WORK, LWORK, INFO)</c>.</summary>
    public readonly delegate* unmanaged[Cdecl]<int*, int*, double*, int*, int*, int*, double*, double*, double*, double*, double*, int*, int*, void> Pdgebrd;

    /// <summary>
    /// <c>SUBROUTINE PDORMBR(VECT, SIDE, TRANS, M, N, K, A, IA, JA, DESCA, TAU, C, IC, JC, DESCC, WORK, LWORK, INFO)</c>,
    /// then the hidden lengths of VECT, SIDE and TRANS.
    /// </summary>
    public readonly delegate* unmanaged[Cdecl]<byte*, byte*, byte*, int*, int*, int*, double*, int*, int*, int*, double*, double*, int*, int*, int*,
        double*, int*, int*, nuint, nuint, nuint, void> Pdormbr;

    /// <summary>
    /// LAPACK's <c>SUBROUTINE DBDSDC(UPLO, COMPQ, N, D, E, U, LDU, VT, LDVT, Q, IQ, WORK, IWORK, INFO)</c>, then the hidden
    /// lengths of UPLO and COMPQ.
    /// </summary>
    public readonly delegate* unmanaged[Cdecl]<byte*, byte*, int*, double*, double*, double*, int*, double*, int*, double*, int*, double*, int*, int*,
        nuint, nuint, void> Dbdsdc;

    private ScaLapackLibrary(IntPtr handle, string fileName)
    {
        FileName = fileName;
        BlacsGet = (delegate* unmanaged[Cdecl]<int, int, int*, void>)NativeLibrary.GetExport(handle, "Cblacs_get");
        BlacsGridInit = (delegate* unmanaged[Cdecl]<int*, byte*, int, int, void>)NativeLibrary.GetExport(handle, "Cblacs_gridinit");
        BlacsGridInfo = (delegate* unmanaged[Cdecl]<int, int*, int*, int*, int*, void>)NativeLibrary.GetExport(handle, "Cblacs_gridinfo");
        BlacsGridExit = (delegate* unmanaged[Cdecl]<int, void>)NativeLibrary.GetExport(handle, "Cblacs_gridexit");
        Numroc = (delegate* unmanaged[Cdecl]<int*, int*, int*, int*, int*, int>)NativeLibrary.GetExport(handle, "numroc_");
        DescInit = (delegate* unmanaged[Cdecl]<int*, int*, int*, int*, int*, int*, int*, int*, int*, int*, void>)NativeLibrary.GetExport(handle, "descinit_");
        Pdgemr2d = (delegate* unmanaged[Cdecl]<int*, int*, double*, int*, int*, int*, double*, int*, int*, int*, int*, void>)NativeLibrary.GetExport(handle, "pdgemr2d_");
        Pdgesvd = (delegate* unmanaged[Cdecl]<byte*, byte*, int*, int*, double*, int*, int*, int*, double*, double*, int*, int*, int*,
            double*, int*, int*, int*, double*, int*, int*, nuint, nuint, void>)NativeLibrary.GetExport(handle, "pdgesvd_");
        Pdgebrd = (delegate* unmanaged[Cdecl]<int*, int*, double*, int*, int*, int*, double*, double*, double*, double*, double*, int*, int*, void>)
            NativeLibrary.GetExport(handle, "pdgebrd_");
        Pdormbr = (delegate* unmanaged[Cdecl]<byte*, byte*, byte*, int*, int*, int*, double*, int*, int*, int*, double*, double*, int*, int*, int*,
            double*, int*, int*, nuint, nuint, nuint, void>)NativeLibrary.GetExport(handle, "pdormbr_");
        Dbdsdc = (delegate* unmanaged[Cdecl]<byte*, byte*, int*, double*, double*, double*, int*, double*, int*, double*, int*, double*, int*, int*,
            nuint, nuint, void>)NativeLibrary.GetExport(handle, "dbdsdc_");
    }

    private static ScaLapackLibrary Load()
    {
        _ = OpenMpiLibrary.Current; // libmpi first, into the global namespace (its plugins need it)
        string? chosen = Environment.GetEnvironmentVariable(PathVariable);
        string[] names = string.IsNullOrEmpty(chosen) ? FileNames : [chosen];
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out IntPtr handle)) continue;
            try
            {
                return new ScaLapackLibrary(handle, name);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new InvalidInputException($"{name} is not ScaLAPACK with its BLACS ({e.Message}); install it: {InstallCommand}");
            }
        }
        throw new InvalidInputException($"ScaLAPACK is not installed ({names[0]} not found): {InstallCommand}");
    }
}
