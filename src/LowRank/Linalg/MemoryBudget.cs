namespace LowRank.Linalg;

/// <summary>
/// Refuses work whose memory need exceeds what the machine has, before allocating it, with a message that says
/// how much was needed and how much is available.
/// </summary>
public static class MemoryBudget
{
    /// <summary>Bytes this process may use (the GC's view of physical memory or the container limit).</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Share of <see cref="AvailableBytes"/> a run may plan to use when no budget is given (<c>--memory</c>): half, which
    /// leaves the other half to other processes and the file cache that out-of-core passes read through.
    /// </summary>
    public const double DefaultShare = 0.5;

    /// <summary>The default working budget: <see cref="DefaultShare"/> of <see cref="AvailableBytes"/>.</summary>
    public static long DefaultBytes => (long)(AvailableBytes * DefaultShare);

    /// <summary>Throws <see cref="InvalidInputException"/> if <paramref name="bytes"/> exceed <see cref="AvailableBytes"/>.</summary>
    public static void Require(long bytes, string what)
    {
        long available = AvailableBytes;
        if (bytes < 0 || bytes > available)
            throw new InvalidInputException($"{what} needs {Format(bytes)}, more than the {Format(available)} of memory available");
    }

    /// <summary>Checks that a rows × cols double matrix (times <paramref name="copies"/>) fits.</summary>
    public static void RequireMatrix(long rows, long cols, string what, int copies = 1)
    {
        if (rows < 0 || cols < 0) throw new InvalidInputException($"{what}: negative dimensions {rows}×{cols}");
        decimal bytes = (decimal)rows * cols * sizeof(double) * copies;
        Require(bytes > long.MaxValue ? -1 : (long)bytes, $"{what} ({rows:N0}×{cols:N0})");
        if (rows * cols > Array.MaxLength)
            throw new InvalidInputException($"{what} ({rows:N0}×{cols:N0}) has more entries than one .NET array holds ({Array.MaxLength:N0})");
    }

    public static string Format(long bytes) => bytes < 0
        ? "more than 8 EiB"
        : bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.0} GiB"
        : bytes >= 1L << 20 ? $"{bytes / (double)(1L << 20):0.0} MiB"
        : $"{bytes / 1024.0:0.0} KiB";
}
