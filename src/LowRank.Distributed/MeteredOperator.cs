using System.Diagnostics;
using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// Another operator's products, timed: the wall-clock seconds this process spends in products with its block Aᵣ and
/// Aᵣᵀ (blocks and single vectors) — the measured γ_A of the α–β–γ model (docs/distributed.md), next to
/// <see cref="MeteredCommunicator"/>'s time in collectives.
/// </summary>
public sealed class MeteredOperator(ILinearOperator inner) : IMixedPrecisionProducts
{
    private readonly Stopwatch _clock = new();

    /// <summary>Wall-clock seconds spent inside the products.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    public int Rows => inner.Rows;

    public int Cols => inner.Cols;

    public long StorageBytes => inner.StorageBytes;

    public Matrix Multiply(Matrix x, ILinalgBackend backend) => Timed(() => inner.Multiply(x, backend));

    public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend) => Timed(() => inner.MultiplyTransposed(y, backend));

    public void MultiplyVector(ReadOnlyMemory<double> x, Memory<double> y, ILinalgBackend backend) =>
        Timed(() => inner.MultiplyVector(x, y, backend));

    public void MultiplyTransposedVector(ReadOnlyMemory<double> y, Memory<double> z, ILinalgBackend backend) =>
        Timed(() => inner.MultiplyTransposedVector(y, z, backend));

    public double SquaredFrobeniusNorm() => inner.SquaredFrobeniusNorm();

    /// <summary>Whether the inner operator is float64 data that can run <see cref="MultiplyThenTransposedInSingle"/>.</summary>
    public bool HoldsDouble => inner is IMixedPrecisionProducts { HoldsDouble: true };

    public Matrix MultiplyThenTransposedInSingle(Matrix x, ILinalgBackend backend, Matrix y, bool transposedInDouble, Matrix? w = null) =>
        Timed(() => ((IMixedPrecisionProducts)inner).MultiplyThenTransposedInSingle(x, backend, y, transposedInDouble, w));

    private T Timed<T>(Func<T> product)
    {
        _clock.Start();
        try
        {
            return product();
        }
        finally
        {
            _clock.Stop();
        }
    }

    private void Timed(Action product) => Timed(() =>
    {
        product();
        return 0;
    });
}
