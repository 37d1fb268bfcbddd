using System.Buffers.Binary;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// scipy's sparse <c>.npz</c> (<c>scipy.sparse.save_npz</c> / <c>load_npz</c>): a numpy archive holding
/// <c>format</c> (b'csr', b'csc' or b'coo'), <c>shape</c>, <c>data</c>, and <c>indices</c> + <c>indptr</c> (csr, csc) or
/// <c>row</c> + <c>col</c> (coo). Reads all three formats, stored or compressed, any integer index width and any
/// real dtype. scipy does not promise sorted or unique indices within a row (a csr matrix whose
/// <c>has_sorted_indices</c> is false is saved as is), so rows are sorted on reading and repeated entries are summed,
/// as scipy's <c>sum_duplicates</c> does; everything else that is malformed is refused with the array and position.
/// Writes csr with sorted indices (int32 while they fit, as scipy chooses), float64 data, deflated by default.
/// </summary>
public static class SparseNpzFile
{
    public static CsrMatrix Read(string path) => InputFile.Guard(path, () => NpzArchive.Read(path, arrays =>
    {
        if (!arrays.TryGetValue("format", out NpyArray? format) || !arrays.ContainsKey("shape") || !arrays.ContainsKey("data"))
            throw NotScipy(path, arrays);
        string kind = format.Text();
        (int rows, int cols) = Shape(path, arrays["shape"]);
        NpyArray dataArray = arrays["data"];
        double[] data = dataArray.Doubles();
        for (int p = 0; p < data.Length; p++)
            if (!double.IsFinite(data[p])) throw InputFile.Error(path, $"data.npy: entry {p} is {data[p]}; values must be finite");
        return kind switch
        {
            "csr" => Compressed(path, arrays, rows, cols, data, byRow: true),
            "csc" => Compressed(path, arrays, rows, cols, data, byRow: false),
            "coo" => Coordinates(path, arrays, rows, cols, data),
            _ => throw InputFile.Error(path, $"format.npy: sparse format '{kind}' is not supported (csr, csc and coo are; convert with .tocsr() before saving)"),
        };
    }));

    /// <summary>Writes <paramref name="m"/> as scipy's csr .npz, deflated (<c>save_npz</c>'s default) unless told otherwise.</summary>
    public static void Write(string path, CsrMatrix m, bool compressed = true)
    {
        ArgumentNullException.ThrowIfNull(m);
        // scipy's get_index_dtype: int32 when every index and offset fits, else int64 for both.
        bool wide = m.NonZeros > int.MaxValue;
        long nnz = m.NonZeros;
        NpzArchive.Write(path,
        [
            ("indices", wide ? "<i8" : "<i4", [nnz], Encode(m.ColumnIndices.Select(j => (long)j).ToArray(), wide)),
            ("indptr", wide ? "<i8" : "<i4", [m.Rows + 1L], Encode(m.RowOffsets, wide)),
            ("format", "|S3", [], "csr"u8.ToArray()),
            ("shape", "<i8", [2], Encode([m.Rows, m.Cols], wide: true)),
            ("data", "<f8", [nnz], EncodeDoubles(m.Values)),
        ], compressed);
    }

    /// <summary>
    /// csr or csc: the offsets are checked, the indices read as 32-bit and checked in place; a csr file with sorted unique
    /// indices (scipy's canonical form) becomes the CSR matrix without another copy, anything else goes through
    /// <see cref="CsrMatrix.FromCoordinates"/>.
    /// </summary>
    internal static CsrMatrix Compressed(string path, IReadOnlyDictionary<string, NpyArray> arrays, int rows, int cols, double[] data, bool byRow)
    {
        if (!arrays.TryGetValue("indices", out var indicesArray) || !arrays.TryGetValue("indptr", out var indptrArray))
            throw InputFile.Error(path, $"a {(byRow ? "csr" : "csc")} file needs 'indices' and 'indptr' arrays; it holds {Names(arrays)}");
        long[] indptr = indptrArray.Integers();
        int major = byRow ? rows : cols, minor = byRow ? cols : rows;
        string majorName = byRow ? "row" : "column";
        if (indptr.LongLength != major + 1L)
            throw InputFile.Error(path, $"indptr.npy: {indptr.LongLength:N0} entries, but {major:N0} {majorName}s need {major + 1L:N0}");
        if (indicesArray.Length != data.LongLength)
            throw InputFile.Error(path, $"indices.npy has {indicesArray.Length:N0} entries and data.npy {data.LongLength:N0}; they must match");
        if (indptr[0] != 0) throw InputFile.Error(path, $"indptr.npy: entry 0 is {indptr[0]}, it must be 0");
        for (int k = 0; k < major; k++)
            if (indptr[k + 1] < indptr[k])
                throw InputFile.Error(path, $"indptr.npy: entry {k + 1} ({indptr[k + 1]}) is less than entry {k} ({indptr[k]}); offsets must be non-decreasing");
        if (indptr[major] != data.LongLength)
            throw InputFile.Error(path, $"indptr.npy: the last entry is {indptr[major]:N0}, not the {data.LongLength:N0} stored entries");
        int[] minorIndex = indicesArray.Int32s();
        bool canonical = true;
        for (int k = 0; k < major; k++)
            for (long p = indptr[k]; p < indptr[k + 1]; p++)
            {
                int j = minorIndex[p];
                if (j < 0 || j >= minor)
                    throw InputFile.Error(path, $"indices.npy: entry {p} ({majorName} {k}) is {j}, outside 0..{minor - 1}");
                if (p > indptr[k] && j <= minorIndex[p - 1]) canonical = false;
            }
        if (byRow && canonical)
            return new CsrMatrix(rows, cols, indptr, minorIndex, data);
        var majorIndex = new int[data.Length];
        for (int k = 0; k < major; k++) majorIndex.AsSpan((int)indptr[k], (int)(indptr[k + 1] - indptr[k])).Fill(k);
        return byRow
            ? CsrMatrix.FromCoordinates(rows, cols, majorIndex, minorIndex, data)
            : CsrMatrix.FromCoordinates(rows, cols, minorIndex, majorIndex, data);
    }

    private static CsrMatrix Coordinates(string path, IReadOnlyDictionary<string, NpyArray> arrays, int rows, int cols, double[] data)
    {
        if (!arrays.TryGetValue("row", out var rowArray) || !arrays.TryGetValue("col", out var colArray))
            throw InputFile.Error(path, $"a coo file needs 'row' and 'col' arrays; it holds {Names(arrays)}");
        int[] r = Indices(path, rowArray, rows, data.LongLength), c = Indices(path, colArray, cols, data.LongLength);
        return CsrMatrix.FromCoordinates(rows, cols, r, c, data);
    }

    private static int[] Indices(string path, NpyArray array, int limit, long count)
    {
        if (array.Length != count)
            throw InputFile.Error(path, $"{array.Place} has {array.Length:N0} entries and data.npy {count:N0}; they must match");
        int[] values = array.Int32s();
        for (int p = 0; p < values.Length; p++)
            if (values[p] < 0 || values[p] >= limit)
                throw InputFile.Error(path, $"{array.Place}: entry {p} is {values[p]}, outside 0..{limit - 1}");
        return values;
    }

    internal static (int Rows, int Cols) Shape(string path, NpyArray array)
    {
        long[] shape = array.Integers();
        if (shape.Length != 2) throw InputFile.Error(path, $"shape.npy: {shape.Length} dimensions; a sparse matrix has 2");
        if (shape[0] < 1 || shape[1] < 1)
            throw InputFile.Error(path, $"shape.npy: {shape[0]}×{shape[1]}; both dimensions must be positive");
        if (shape[0] > int.MaxValue || shape[1] > int.MaxValue)
            throw InputFile.Error(path, $"shape.npy: {shape[0]:N0}×{shape[1]:N0} is too large (at most {int.MaxValue:N0} rows and columns)");
        return ((int)shape[0], (int)shape[1]);
    }

    private static InvalidInputException NotScipy(string path, IReadOnlyDictionary<string, NpyArray> arrays) =>
        InputFile.Error(path, $"not a scipy sparse file (scipy.sparse.save_npz writes 'format', 'shape', 'data' and "
            + $"'indices'+'indptr' or 'row'+'col'); it holds {Names(arrays)}");

    private static string Names(IReadOnlyDictionary<string, NpyArray> arrays) =>
        arrays.Count == 0 ? "no arrays" : string.Join(", ", arrays.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));

    private static byte[] Encode(long[] values, bool wide)
    {
        int size = wide ? sizeof(long) : sizeof(int);
        var bytes = new byte[values.LongLength * size];
        for (long k = 0; k < values.LongLength; k++)
            if (wide) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan((int)(k * size)), values[k]);
            else BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)(k * size)), checked((int)values[k]));
        return bytes;
    }

    private static byte[] EncodeDoubles(double[] values)
    {
        var bytes = new byte[values.LongLength * sizeof(double)];
        for (long k = 0; k < values.LongLength; k++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan((int)(k * sizeof(double))), values[k]);
        return bytes;
    }
}
