using System.Globalization;
using System.Runtime.InteropServices;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>
/// <see cref="HugePages.Collapse"/>, the hint explicit ALS gives for its factor tables: the values never change, and
/// on Linux 6.1 or later with transparent huge pages not switched off the array's memory is then backed by 2 MiB pages
/// (read from /proc/self/smaps).
/// </summary>
public class HugePagesTests
{
    [Fact]
    public void CollapsingKeepsTheValuesAndBacksTheArrayWithHugePages()
    {
        var array = new double[2 << 20]; // 16 MiB: at least seven whole 2 MiB pages
        var random = new Random(3);
        for (int i = 0; i < array.Length; i++) array[i] = random.NextDouble();
        var copy = (double[])array.Clone();
        long before = HugeKiB(array);
        bool collapsed = HugePages.Collapse(array);
        Assert.Equal(copy, array);
        Assert.False(HugePages.Collapse(new double[1000]));
        if (!OperatingSystem.IsLinux() || Environment.OSVersion.Version < new Version(6, 1)
            || File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[never]"))
            return;
        Assert.True(collapsed);
        Assert.True(HugeKiB(array) >= before + 2048, $"AnonHugePages of the array's mapping: {before} kB before, {HugeKiB(array)} kB after");
    }

    /// <summary>AnonHugePages (kB) of the mapping that holds the array's first element, from /proc/self/smaps (0 off Linux).</summary>
    private static long HugeKiB(double[] array)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        ulong address = (ulong)handle.AddrOfPinnedObject();
        handle.Free();
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            int space = line.IndexOf(' ');
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out ulong start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, null, out ulong end))
            {
                inside = address >= start && address < end;
                continue;
            }
            if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        return 0;
    }
}
