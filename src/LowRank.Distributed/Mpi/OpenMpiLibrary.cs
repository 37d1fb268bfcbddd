using System.Runtime.InteropServices;

namespace LowRank.Distributed.Mpi;

/// <summary>
/// Open MPI's C API (<c>libmpi.so.40</c>, the ABI of Open MPI 3.0–4.1; Debian's <c>libopenmpi3</c>) called through
/// unmanaged function pointers, loaded on first use only, so that nothing changes for a run without MPI.
/// <para>
/// Predefined handles. In Open MPI, <c>MPI_COMM_WORLD</c>, <c>MPI_DOUBLE</c>, <c>MPI_SUM</c>, … are macros for the
/// addresses of exported global structs (<c>&amp;ompi_mpi_comm_world</c>, <c>&amp;ompi_mpi_double</c>,
/// <c>&amp;ompi_mpi_op_sum</c>), and <c>MPI_IN_PLACE</c> is <c>(void*)1</c>. The address of an exported symbol is
/// exactly what <see cref="NativeLibrary.GetExport"/> returns, so the handles are resolved in managed code. This was
/// chosen over a C shim compiled at build time because it needs no C compiler, no <c>mpicc</c> and no native build
/// step (the managed build stays the same on every machine, with or without MPI installed), and the symbols are part
/// of the library's stable ABI. The price: it binds to Open MPI only — MPICH and Intel MPI define handles as integer
/// constants and name their library <c>libmpi.so.12</c>, which this class does not load (it says so).
/// </para>
/// <para>
/// The library is opened with <c>RTLD_GLOBAL</c> first (by <c>dlopen</c>): Open MPI loads its components (BTLs,
/// collectives) as plugins that resolve symbols of libmpi and libopen-pal from the global namespace, which the
/// default private (<c>RTLD_LOCAL</c>) load of <see cref="NativeLibrary"/> would hide — the problem mpi4py solves
/// the same way.
/// </para>
/// </summary>
internal sealed unsafe class OpenMpiLibrary
{
    /// <summary>The library file name: Open MPI's soname since 3.0.</summary>
    public const string FileName = "libmpi.so.40";

    /// <summary>The Debian/Ubuntu packages that provide <c>mpirun</c> and <see cref="FileName"/>.</summary>
    public const string InstallCommand = "apt-get install openmpi-bin libopenmpi-dev";

    private const int RtldNow = 2, RtldGlobal = 0x100;

    private static readonly Lazy<OpenMpiLibrary> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded library (loaded at the first call); throws <see cref="InvalidInputException"/> with the install line if absent.</summary>
    public static OpenMpiLibrary Current => Instance.Value;

    public readonly IntPtr CommWorld, Double, Int, Byte, OpSum, OpMax, OpMin;

    /// <summary>MPI_IN_PLACE in Open MPI.</summary>
    public static readonly IntPtr InPlace = 1;

    public readonly delegate* unmanaged[Cdecl]<int*, byte***, int> Init;
    public readonly delegate* unmanaged[Cdecl]<int*, int> Initialized;
    public readonly delegate* unmanaged[Cdecl]<int> Finalize;
    public readonly delegate* unmanaged[Cdecl]<int*, int> Finalized;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, int> CommRank;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, int> CommSize;
    public readonly delegate* unmanaged[Cdecl]<void*, void*, int, IntPtr, IntPtr, IntPtr, int> Allreduce;
    public readonly delegate* unmanaged[Cdecl]<void*, int, IntPtr, int, IntPtr, int> Bcast;
    public readonly delegate* unmanaged[Cdecl]<void*, int, IntPtr, void*, int, IntPtr, IntPtr, int> Allgather;
    public readonly delegate* unmanaged[Cdecl]<void*, int, IntPtr, void*, int*, int*, IntPtr, IntPtr, int> Allgatherv;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> Barrier;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> Abort;

    private OpenMpiLibrary(IntPtr handle)
    {
        CommWorld = NativeLibrary.GetExport(handle, "ompi_mpi_comm_world");
        Double = NativeLibrary.GetExport(handle, "ompi_mpi_double");
        Int = NativeLibrary.GetExport(handle, "ompi_mpi_int");
        Byte = NativeLibrary.GetExport(handle, "ompi_mpi_byte");
        OpSum = NativeLibrary.GetExport(handle, "ompi_mpi_op_sum");
        OpMax = NativeLibrary.GetExport(handle, "ompi_mpi_op_max");
        OpMin = NativeLibrary.GetExport(handle, "ompi_mpi_op_min");
        Init = (delegate* unmanaged[Cdecl]<int*, byte***, int>)NativeLibrary.GetExport(handle, "MPI_Init");
        Initialized = (delegate* unmanaged[Cdecl]<int*, int>)NativeLibrary.GetExport(handle, "MPI_Initialized");
        Finalize = (delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(handle, "MPI_Finalize");
        Finalized = (delegate* unmanaged[Cdecl]<int*, int>)NativeLibrary.GetExport(handle, "MPI_Finalized");
        CommRank = (delegate* unmanaged[Cdecl]<IntPtr, int*, int>)NativeLibrary.GetExport(handle, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged[Cdecl]<IntPtr, int*, int>)NativeLibrary.GetExport(handle, "MPI_Comm_size");
        Allreduce = (delegate* unmanaged[Cdecl]<void*, void*, int, IntPtr, IntPtr, IntPtr, int>)NativeLibrary.GetExport(handle, "MPI_Allreduce");
        Bcast = (delegate* unmanaged[Cdecl]<void*, int, IntPtr, int, IntPtr, int>)NativeLibrary.GetExport(handle, "MPI_Bcast");
        Allgather = (delegate* unmanaged[Cdecl]<void*, int, IntPtr, void*, int, IntPtr, IntPtr, int>)NativeLibrary.GetExport(handle, "MPI_Allgather");
        Allgatherv = (delegate* unmanaged[Cdecl]<void*, int, IntPtr, void*, int*, int*, IntPtr, IntPtr, int>)NativeLibrary.GetExport(handle, "MPI_Allgatherv");
        Barrier = (delegate* unmanaged[Cdecl]<IntPtr, int>)NativeLibrary.GetExport(handle, "MPI_Barrier");
        Abort = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)NativeLibrary.GetExport(handle, "MPI_Abort");
    }

    /// <summary>Throws naming the MPI call when it returned an error code (Open MPI's default handler aborts first).</summary>
    public static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"{call} failed with MPI error code {code}");
    }

    private static OpenMpiLibrary Load()
    {
        if (!OperatingSystem.IsLinux())
            throw new InvalidInputException($"distributed runs need Open MPI's {FileName} on Linux ({InstallCommand})");
        if (DlOpen(FileName, RtldNow | RtldGlobal) == IntPtr.Zero || !NativeLibrary.TryLoad(FileName, out IntPtr handle))
            throw new InvalidInputException($"Open MPI is not installed ({FileName} not found): {InstallCommand}");
        try
        {
            return new OpenMpiLibrary(handle);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new InvalidInputException($"{FileName} is not Open MPI's library ({e.Message}); install Open MPI: {InstallCommand}");
        }
    }

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr DlOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);
}
