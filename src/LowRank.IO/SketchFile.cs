using System.Runtime.InteropServices;
using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// A single-pass sketch (<see cref="StreamingSketch"/>) saved as a numpy <c>.npz</c>: the range, co-range, core and
/// error sketches as 2-D float64 arrays (<c>range</c> m×k, <c>corange</c> k×n, <c>core</c> s×s, <c>error</c> q×n) and
/// <c>meta</c> = [format 1, m, n, k, s, q, seed] (int64). The test matrices are not stored: they are regenerated from
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
            return StreamingSketch.Restore(m, n, size, unchecked((int)meta[6]),
                Matrix(path, arrays["range"]), Matrix(path, arrays["corange"]), Matrix(path, arrays["core"]), Matrix(path, arrays["error"]));
        }
        catch (InvalidInputException e)
        {
            throw InputFile.Error(path, e.Message);
        }
    }));

    private static (string, string, long[], byte[]) Array(string name, Matrix m) =>
        (name, "<f8", [m.Rows, m.Cols], MemoryMarshal.AsBytes(m.Transpose().Data.AsSpan()).ToArray());

    private static Matrix Matrix(string path, NpyArray array)
    {
        if (array.Header.Shape.Length != 2 || array.Header.FortranOrder)
            throw InputFile.Error(path, $"{array.Place}: a sketch array is a 2-D C-order float64 array");
        return Linalg.Matrix.FromRowMajor((int)array.Header.Shape[0], (int)array.Header.Shape[1], array.Doubles());
    }
}
