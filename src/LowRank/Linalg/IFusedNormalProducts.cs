namespace LowRank.Linalg;

/// <summary>
/// An operator whose storage lets it apply A and then Aᵀ to the result in one pass over its data: with A held as blocks
/// of rows A_i, Y_i = A_i·X is known while A_i is in memory, so W = Σ A_iᵀ·Y_i accumulates in the same pass. For data
/// read from disk this halves the passes of the randomized range finder (<see cref="Decompositions.RandomizedSvd"/>); for CSR
/// storage each row's entries are read once for both products (<see cref="Sparse.CsrMatrix"/>).
/// </summary>
public interface IFusedNormalProducts : ILinearOperator
{
    /// <summary>
    /// Y = A·X and W = Aᵀ·Y, from one pass over the data, written over <paramref name="y"/> (m×b) and
    /// <paramref name="w"/> (n×b) when they are given — buffers the range finder reuses from pass to pass, since a new
    /// array per pass is faulted in page by page — and into new matrices otherwise. W must not be X.
    /// </summary>
    (Matrix Y, Matrix W) MultiplyThenTransposed(Matrix x, ILinalgBackend backend, Matrix? y = null, Matrix? w = null);
}
