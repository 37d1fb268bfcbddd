using System.IO.Compression;
using System.Text.RegularExpressions;
using LowRank.Linalg.Sparse;

/// <summary>
/// Benchmark-side reader of an uncompressed or compressed scipy CSR <c>.npz</c> (a zip of indptr.npy, indices.npy,
/// data.npy, shape.npy), just enough for the sparse benchmark inputs; the product's reader lives in LowRank.IO.
/// </summary>
internal static partial class ScipyNpzLoader
{
    public static CsrMatrix Load(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        long[] Read(string name) => ReadNpy(zip.GetEntry(name) ?? throw new InvalidDataException($"{path}: no {name}"), out _);
        var shape = Read("shape.npy");
        var indptr = Read("indptr.npy");
        var indices = Read("indices.npy").Select(x => (int)x).ToArray();
        ReadNpy(zip.GetEntry("data.npy")!, out var data);
        return new CsrMatrix((int)shape[0], (int)shape[1], indptr, indices, data!);
    }

    /// <summary>Integer arrays as long[]; a float64 array is returned in <paramref name="doubles"/> instead.</summary>
    private static long[] ReadNpy(ZipArchiveEntry entry, out double[]? doubles)
    {
        using var stream = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(stream);
        var bytes = stream.GetBuffer().AsSpan(0, (int)stream.Length);
        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes[8..10]) : (int)BitConverter.ToUInt32(bytes[8..12]);
        int start = (major == 1 ? 10 : 12);
        string header = System.Text.Encoding.ASCII.GetString(bytes.Slice(start, headerLength));
        string descr = Descr().Match(header).Groups[1].Value;
        var body = bytes[(start + headerLength)..];
        doubles = null;
        switch (descr)
        {
            case "<f8":
                doubles = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(body).ToArray();
                return [];
            case "<i4":
                return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(body).ToArray().Select(x => (long)x).ToArray();
            case "<i8":
                return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(body).ToArray();
            default:
                throw new InvalidDataException($"{entry.FullName}: dtype {descr} not handled by the benchmark loader");
        }
    }

    [GeneratedRegex("'descr':\\s*'([^']+)'")]
    private static partial Regex Descr();
}
