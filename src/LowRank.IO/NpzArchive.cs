using System.IO.Compression;

namespace LowRank.IO;

/// <summary>
/// numpy's <c>.npz</c>: a zip archive (stored or deflated) of <c>.npy</c> files, one per named array, as written by
/// <c>numpy.savez</c> and <c>numpy.savez_compressed</c>.
/// </summary>
internal static class NpzArchive
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Opens the archive, reads the header of every array (keyed by the member name without ".npy") and hands them to
    /// <paramref name="use"/> while the archive is open; an array's data is read only when asked for, straight into its
    /// typed array (<see cref="NpyArray"/>), so a large archive costs its arrays once, not twice. A header whose shape
    /// announces more data than its member holds (or more elements than one array can hold) is refused here.
    /// </summary>
    public static T Read<T>(string path, Func<IReadOnlyDictionary<string, NpyArray>, T> use)
    {
        using FileStream file = InputFile.OpenRead(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw InputFile.Error(path, file.Length == 0 ? "the file is empty" : "not a .npz file (it is not a zip archive)");
        }
        using (zip)
        {
            var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                NpyHeader header;
                using (Stream stream = entry.Open())
                    header = NpyHeader.Read($"{path}: {entry.FullName}", stream, allowBytes: true);
                if (header.FortranOrder && header.Shape.Length > 1)
                    throw InputFile.Error(path, $"{entry.FullName}: a Fortran-ordered {header.Shape.Length}-D array where a 1-D array belongs");
                CheckSize(path, entry, header);
                arrays[entry.FullName[..^4]] = NpyArray.InMember(path, entry.FullName[..^4], header, entry);
            }
            return use(arrays);
        }
    }

    /// <summary>
    /// Refuses a shape whose element count overflows, exceeds one .NET array, or whose data would not fit in the
    /// member's uncompressed length (as the zip directory records it) — before anything is allocated for it.
    /// </summary>
    private static void CheckSize(string path, ZipArchiveEntry entry, NpyHeader header)
    {
        string shape = $"({string.Join(", ", header.Shape)}{(header.Shape.Length == 1 ? "," : "")})";
        Int128 count = 1;
        foreach (long d in header.Shape)
        {
            if (d < 0) throw InputFile.Error(path, $"{entry.FullName}: negative dimension in shape {shape}");
            count *= d;
            if (count > Array.MaxLength) break;
        }
        if (count > Array.MaxLength)
            throw InputFile.Error(path, $"{entry.FullName}: shape {shape} has more elements than one array holds ({Array.MaxLength:N0})");
        long bytes = (long)count * header.DType.Size;
        if (bytes > entry.Length)
            throw InputFile.Error(path, $"{entry.FullName}: shape {shape} needs {bytes:N0} bytes of data, but the member holds {entry.Length:N0}");
    }

    /// <summary>Writes named arrays (descr, shape, little-endian data) as a .npz, deflated or stored, atomically.</summary>
    public static void Write(string path, IEnumerable<(string Name, string Descr, long[] Shape, byte[] Data)> arrays, bool compressed)
    {
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, descr, shape, data) in arrays)
            {
                ZipArchiveEntry entry = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                entry.LastWriteTime = FixedTime; // the same matrix gives the same bytes
                using Stream member = entry.Open();
                member.Write(NpyHeader.Format(descr, fortranOrder: false, shape));
                member.Write(data);
            }
        });
    }
}
