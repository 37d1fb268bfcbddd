using LowRank.Linalg;

namespace LowRank.Tests.Compression;

/// <summary>
/// The managed backend, reporting a fixed <see cref="Threads"/> and counting every attempt to change it: a computation
/// that sets the process-wide thread count (and races with every other caller) shows up as <see cref="Sets"/> &gt; 0.
/// </summary>
internal sealed class ThreadCountSpyBackend(int threads) : ILinalgBackend
{
    private readonly ManagedBackend inner = new();
    private int sets;

    public int Sets => Volatile.Read(ref sets);

    public string Name => inner.Name;

    public string Library => inner.Library;

    public int Threads
    {
        get => threads;
        set => Interlocked.Increment(ref sets);
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        inner.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        inner.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public (Matrix? U, double[] S, Matrix? VT) Svd(Matrix a, bool computeVectors) => inner.Svd(a, computeVectors);

    public Matrix OrthonormalColumns(Matrix a) => inner.OrthonormalColumns(a);

    public bool Cholesky(Matrix g) => inner.Cholesky(g);

    public void SolveUpperTriangularRight(Matrix r, Matrix y) => inner.SolveUpperTriangularRight(r, y);

    public (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a) => inner.SymmetricEigen(a);
}
