using System.Buffers.Binary;
using System.IO.Compression;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// Row ranges of a scipy csr <c>.npz</c> (<see cref="SparseNpzFile"/>), for processes that each hold one block of rows:
/// the block's count + 1 row offsets are read from <c>indptr</c>, then only the block's stretch of <c>indices</c> and
/// <c>data</c>. In a stored (uncompressed, <c>save_npz(..., compressed=False)</c>) archive the reader seeks to the
/// stretch when the zip stream allows it and otherwise skips to it; in a deflated archive (save_npz's default) a
/// stream cannot be entered in the middle, so each member is decompressed from its start up to the end of the
/// stretch (time of a full read up to there, memory of the block only). The block is checked as
/// <see cref="SparseNpzFile.Read"/> checks a whole file.
/// </summary>
public static class SparseNpzRowBlockFile
{
    private const int SkipBytes = 1 << 20;

    /// <summary>The matrix shape of the csr file <paramref name="path"/>.</summary>
    public static (int Rows, int Cols) Shape(string path) => InputFile.Guard(path, () =>
    {
        using var zip = OpenZip(path, out FileStream file);
        using (file) return ShapeOf(path, zip);
    });

    /// <summary>Rows [<paramref name="start"/>, start + <paramref name="count"/>) of the csr file <paramref name="path"/>, as a count×n CSR matrix.</summary>
    public static CsrMatrix ReadRows(string path, int start, int count) => InputFile.Guard(path, () =>
    {
        using var zip = OpenZip(path, out FileStream file);
        using (file)
        {
            var (rows, cols) = ShapeOf(path, zip);
            if (start < 0 || count < 0 || start + (long)count > rows)
                throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + (long)count - 1} are outside the {rows} rows of {path}");
            NpyArray indptrSlice = Member(path, zip, "indptr", start, count + 1L);
            long[] offsets = indptrSlice.Integers();
            long first = offsets[0], last = offsets[^1];
            string place = $"rows {start}..{start + count - 1}";
            if (first < 0 || last < first)
                throw InputFile.Error(path, $"indptr.npy: entries {start} and {start + count} ({first}, {last}) are not non-decreasing offsets ({place})");
            for (int i = 0; i < offsets.Length; i++) offsets[i] -= first;
            NpyArray indices = Member(path, zip, "indices", first, last - first), data = Member(path, zip, "data", first, last - first);
            double[] values = data.Doubles();
            for (int p = 0; p < values.Length; p++)
                if (!double.IsFinite(values[p])) throw InputFile.Error(path, $"data.npy: entry {first + p} is {values[p]}; values must be finite");
            var rebased = new byte[offsets.Length * sizeof(long)];
            for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(rebased.AsSpan(i * sizeof(long)), offsets[i]);
            var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal)
            {
                ["indices"] = indices,
                ["indptr"] = NpyArray.InMemory(path, indptrSlice.Name, indptrSlice.Header with { DType = new NpyDType('i', 8, false) }, indptrSlice.Member, rebased),
            };
            try
            {
                return SparseNpzFile.Compressed(path, arrays, count, cols, values, byRow: true);
            }
            catch (InvalidInputException e)
            {
                throw new InvalidInputException($"{e.Message} (counted within {place}, which start at stored entry {first})");
            }
        }
    });

    private static ZipArchive OpenZip(string path, out FileStream file)
    {
        file = InputFile.OpenRead(path);
        try
        {
            return new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            long length = file.Length;
            file.Dispose();
            throw InputFile.Error(path, length == 0 ? "the file is empty" : "not a .npz file (it is not a zip archive)");
        }
    }

    private static (int Rows, int Cols) ShapeOf(string path, ZipArchive zip)
    {
        NpyArray format = Member(path, zip, "format", 0, null), shape = Member(path, zip, "shape", 0, null);
        string kind = format.Text();
        if (kind != "csr")
            throw InputFile.Error(path, $"format.npy: a distributed run reads csr files by row blocks, and this one is {kind}; convert with .tocsr() before saving");
        return SparseNpzFile.Shape(path, shape);
    }

    /// <summary>Elements [<paramref name="offset"/>, offset + count) of the 1-D member NAME.npy (all of it when count is null), as a 1-D array.</summary>
    private static NpyArray Member(string path, ZipArchive zip, string name, long offset, long? count)
    {
        ZipArchiveEntry entry = zip.GetEntry(name + ".npy")
            ?? throw InputFile.Error(path, $"not a scipy sparse csr file: it has no '{name}' array (scipy.sparse.save_npz writes 'format', 'shape', 'data', 'indices' and 'indptr')");
        using Stream stream = entry.Open();
        NpyHeader header = NpyHeader.Read($"{path}: {entry.FullName}", stream, allowBytes: true);
        long length = header.Shape.Aggregate(1L, (p, d) => p * d);
        long take = count ?? length;
        if (header.Shape.Length > 1 || offset + take > length)
            throw InputFile.Error(path, $"{entry.FullName}: holds {length:N0} elements, {offset + take:N0} needed");
        int size = header.DType.Size;
        Skip(path, entry, stream, offset * size);
        long bytes = take * size;
        if (bytes > Array.MaxLength) throw InputFile.Error(path, $"{entry.FullName}: {bytes:N0} bytes are more than one array holds");
        var data = new byte[bytes];
        if (InputFile.ReadFully(stream, data) < bytes)
            throw InputFile.Error(path, $"{entry.FullName}: truncated: the member ends before element {offset + take:N0}");
        return NpyArray.InMemory(path, name, header with { Shape = header.Shape.Length == 0 ? [] : [take] }, entry.FullName, data);
    }

    /// <summary>Moves <paramref name="bytes"/> forward in a member: a seek where the stream allows it (stored members), else reading past.</summary>
    private static void Skip(string path, ZipArchiveEntry entry, Stream stream, long bytes)
    {
        if (bytes == 0) return;
        if (stream.CanSeek)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }
        var discard = new byte[(int)Math.Min(SkipBytes, bytes)];
        for (long left = bytes; left > 0;)
        {
            int n = InputFile.ReadFully(stream, discard.AsSpan(0, (int)Math.Min(discard.Length, left)));
            if (n == 0) throw InputFile.Error(path, $"{entry.FullName}: truncated");
            left -= n;
        }
    }
}
