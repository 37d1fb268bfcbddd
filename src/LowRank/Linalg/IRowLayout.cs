namespace LowRank.Linalg;

/// <summary>
/// Where the m rows of an operator — and so the entries of every m-length vector an algorithm builds from its products —
/// are held: all on this process (<see cref="WholeRows"/>), or the block [Start, Start + Count) with the other rows on
/// other processes. An algorithm written against it keeps only its local entries of m-vectors and passes every sum over
/// rows through <see cref="Sum"/>: inner products, norms, and the products Aᵀ·y = Σ over blocks of A_blockᵀ·y_block.
/// So one implementation serves one process and a row-partitioned distributed run (the distributed operator of the
/// design's operator seam), the way PETSc/SLEPc vectors carry their layout and communicator.
/// </summary>
public interface IRowLayout
{
    /// <summary>m, the rows of the whole operator.</summary>
    int TotalRows { get; }

    /// <summary>The first row held here.</summary>
    int Start { get; }

    /// <summary>The rows held here (the length of the local part of an m-vector).</summary>
    int Count { get; }

    /// <summary>Replaces each entry of <paramref name="partial"/> by its sum over every holder of rows (in place; the same result on each).</summary>
    void Sum(Span<double> partial);

    /// <summary>The 2-norm of the m-vector whose local entries are <paramref name="local"/> (the same value on every holder).</summary>
    double Norm(ReadOnlySpan<double> local);
}
