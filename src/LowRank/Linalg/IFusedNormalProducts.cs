namespace LowRank.Linalg;

/// <summary>
/// An operator whose storage lets it apply A and then Aᵀ to the result in one pass over its data: with A held as blocks
/// of rows A_i, Y_i = A_i·X is known while A_i is in memory, so W = Σ A_iᵀ·Y_i accumulates in the same pass. For data
/// read from disk this halves the passes of the randomized range finder (<see cref="Decompositions.RandomizedSvd"/>); for CSR storage
/// each row's entries are read once for both products (<see cref="Sparse.CsrMatrix"/>), in the range finder and in the
/// Lanczos steps (<see cref="Decompositions.LanczosSvd"/>).
/// </summary>
public interface IFusedNormalProducts : ILinearOperator
{
    /// <summary>Y = A·X and W = Aᵀ·Y, from one pass over the data.</summary>
    (Matrix Y, Matrix W) MultiplyThenTransposed(Matrix x, ILinalgBackend backend);

    /// <summary>
    /// t = A·x − β·u and s = Aᵀ·t for one vector (x and s of length n, u and t of length m, none overlapping): the step
    /// of a Lanczos bidiagonalisation whose left side is reorthogonalised only locally. CSR storage does both in one pass
    /// over its entries; the default is the two vector products.
    /// </summary>
    void MultiplyThenTransposedVector(ReadOnlyMemory<double> x, ReadOnlyMemory<double> u, double beta, Memory<double> t, Memory<double> s, ILinalgBackend backend)
    {
        MultiplyVector(x, t, backend);
        if (beta != 0)
        {
            var ts = t.Span;
            var us = u.Span;
            for (int i = 0; i < ts.Length; i++) ts[i] -= beta * us[i];
        }
        MultiplyTransposedVector(t, s, backend);
    }
}
