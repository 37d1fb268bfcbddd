using System.IO.Compression;

namespace LowRank.IO;

/// <summary>
/// numpy's <c>.npz</c>: a zip archive (stored or deflated) of <c>.npy</c> files, one per named array, as written by
/// <c>numpy.savez</c> and <c>numpy.savez_compressed</c>.
/// </summary>
internal static class NpzArchive
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads every array of the archive, keyed by name (the member name without ".npy").</summary>
    public static Dictionary<string, NpyArray> Read(string path)
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
                string name = entry.FullName[..^4];
                using Stream stream = entry.Open();
                NpyHeader header = NpyHeader.Read($"{path}: {entry.FullName}", stream, allowBytes: true);
                if (header.FortranOrder && header.Shape.Length > 1)
                    throw InputFile.Error(path, $"{entry.FullName}: a Fortran-ordered {header.Shape.Length}-D array where a 1-D array belongs");
                long bytes = header.Shape.Aggregate(1L, (p, d) => p * d) * header.DType.Size;
                if (bytes > Array.MaxLength) throw InputFile.Error(path, $"{entry.FullName}: {bytes:N0} bytes are more than one array holds");
                var data = new byte[bytes];
                int got = InputFile.ReadFully(stream, data);
                if (got < bytes)
                    throw InputFile.Error(path, $"{entry.FullName}: truncated: {bytes:N0} bytes of data announced, {got:N0} present");
                arrays[name] = new NpyArray(path, name, header, data);
            }
            return arrays;
        }
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
