namespace LowRank.IO;

/// <summary>
/// The rows of a dense matrix read once, in order, a few at a time, as float64: a .npy, CSV/TSV or Matrix Market file,
/// standard input, or several files stacked by rows. The single-pass sketch reads such a stream once; a stream that can be
/// opened again also backs the out-of-core operator (<see cref="SequentialRowBlocks"/>). A stream whose stored rows are
/// the matrix's columns (a Fortran-order .npy, a Matrix Market array) says so with <see cref="StoresTranspose"/>.
/// </summary>
public abstract class RowStream : IDisposable
{
    /// <summary>The input as the user named it, for messages.</summary>
    public abstract string Name { get; }

    /// <summary>Values per stored row.</summary>
    public abstract int Cols { get; }

    /// <summary>Stored rows, when the input says so before its data (a .npy header, a Matrix Market size line); else null.</summary>
    public abstract long? Rows { get; }

    /// <summary>True when the stored rows are the matrix's columns (the stream describes Aᵀ).</summary>
    public virtual bool StoresTranspose => false;

    /// <summary>Bytes consumed from the input so far.</summary>
    public abstract long BytesRead { get; }

    /// <summary>
    /// Reads up to <paramref name="maxRows"/> rows, row-major, into <paramref name="target"/> (maxRows · <see cref="Cols"/>
    /// values) and returns how many; 0 at the end. Values must be finite. An input that ends before the rows its header
    /// announced is refused (<see cref="LowRank.InvalidInputException"/>, naming the input).
    /// </summary>
    public abstract int Read(Span<double> target, int maxRows);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
