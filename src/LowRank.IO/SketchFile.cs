using System.Runtime.InteropServices;
using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// A single-pass sketch (<see cref="StreamingSketch"/>) saved as a numpy <c>.npz</c>: the range, co-range, core and
/// error sketches as 1-D float64 arrays holding the m×k, k×n, s×s and q×n matrices column by column (numpy:
/// <c>z["range"].reshape(k, m).T</c>), and <c>meta</c> = [format 1, m, n, k, s, q, seed] (int64). The test matrices are not stored: they are regenerated from
/// the seed, so a restored sketch takes updates A ← A + H exactly as the one that was saved.
/// </summary>
public static class SketchFile
{
    private const long Format = 1;

    /// <summary>Writes the sketch atomically (stored, not deflated: Gaussian sketches do not compress).</summary>
    public static void Write(string path, StreamingSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        var size = sketch.Size;
        long[] meta = [Format, sketch.Rows, sketch.Cols, size.RangeSize, size.CoreSize, size.ErrorSize, sketch.Seed];
        NpzArchive.Write(path,
        [
            ("meta", "<i8", [meta.Length], MemoryMarshal.AsBytes(meta.AsSpan()).ToArray()),
            Array("range", sketch.Range),
            Array("corange", sketch.CoRange),
            Array("core", sketch.Core),
            Array("error", sketch.Error),
        ], compressed: false);
    }

    /// <summary>Reads a sketch written by <see cref="Write"/>; refuses another .npz or a sketch whose arrays do not match its meta.</summary>
    public static StreamingSketch Read(string path) => InputFile.Guard(path, () => NpzArchive.Read(path, arrays =>
    {
        foreach (string name in new[] { "meta", "range", "corange", "core", "error" })
            if (!arrays.ContainsKey(name)) throw InputFile.Error(path, $"not a LowRank sketch (no '{name}' array; write one with 'lowrank sketch create')");
        long[] meta = arrays["meta"].Integers();
        if (meta.Length != 7 || meta[0] != Format) throw InputFile.Error(path, $"not a LowRank sketch of format {Format}");
        if (meta.Skip(1).Take(5).Any(v => v < 0 || v > int.MaxValue)) throw InputFile.Error(path, "the sketch's sizes are out of range");
        int m = (int)meta[1], n = (int)meta[2];
        var size = new StreamingSketchSize((int)meta[3], (int)meta[4], (int)meta[5]);
        try
        {
            return StreamingSketch.Restore(m, n, size, unchecked((int)meta[6]), Matrix(path, arrays["range"], m, size.RangeSize),
                Matrix(path, arrays["corange"], size.RangeSize, n), Matrix(path, arrays["core"], size.CoreSize, size.CoreSize), Matrix(path, arrays["error"], size.ErrorSize, n));
        }
        catch (InvalidInputException e)
        {
            throw InputFile.Error(path, e.Message);
        }
    }));

    private static (string, string, long[], byte[]) Array(string name, Matrix m) =>
        (name, "<f8", [m.Data.LongLength], MemoryMarshal.AsBytes(m.Data.AsSpan()).ToArray());

    private static Matrix Matrix(string path, NpyArray array, int rows, int cols)
    {
        double[] data = array.Doubles();
        if (data.LongLength != (long)rows * cols)
            throw InputFile.Error(path, $"{array.Place}: {data.LongLength:N0} values where the sketch's meta says {rows:N0}×{cols:N0}");
        return new Matrix(rows, cols, data);
    }
}
