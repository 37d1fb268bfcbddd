using System.Runtime.InteropServices;

namespace LowRank.Linalg;

/// <summary>
/// Backs the whole 2 MiB pages inside one large array with transparent huge pages, where Linux offers
/// <c>madvise(MADV_COLLAPSE)</c> (kernel 6.1 and later): a table whose rows are gathered at random, such as the user
/// factors that explicit ALS's item half-sweep reads (71 MB at MovieLens 20M's shape), then costs one TLB entry per
/// 2 MiB instead of one per 4 KiB page. A hint only: the values are untouched, nothing else in the process changes,
/// and where the call is missing or refused nothing happens.
/// </summary>
internal static unsafe class HugePages
{
    private const int MadvCollapse = 25;
    private const long PageBytes = 2L << 20;

    private static readonly delegate* unmanaged[Cdecl]<void*, nuint, int, int> Madvise = Load();

    /// <summary>
    /// Asks the kernel to collapse the 2 MiB-aligned pages wholly inside <paramref name="array"/> into huge pages
    /// (synchronously, best effort); true when it did. Arrays under 4 MiB are left alone.
    /// </summary>
    public static bool Collapse(double[] array)
    {
        if (Madvise == null || (long)array.Length * sizeof(double) < 2 * PageBytes) return false;
        fixed (double* data = array)
        {
            long start = ((long)data + PageBytes - 1) & ~(PageBytes - 1);
            long end = ((long)data + (long)array.Length * sizeof(double)) & ~(PageBytes - 1);
            return end > start && Madvise((void*)start, (nuint)(end - start), MadvCollapse) == 0;
        }
    }

    private static delegate* unmanaged[Cdecl]<void*, nuint, int, int> Load()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc) || !NativeLibrary.TryGetExport(libc, "madvise", out var madvise))
            return null;
        return (delegate* unmanaged[Cdecl]<void*, nuint, int, int>)madvise;
    }
}
