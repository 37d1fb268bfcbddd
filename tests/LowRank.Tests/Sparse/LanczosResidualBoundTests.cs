using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Sparse;

/// <summary>
/// Values-only Lanczos reports residual bounds from the recurrence (<see cref="LanczosRitzTriplets.ResidualBounds"/>)
/// instead of 2k explicit products: they must agree with the explicit residuals of the same iteration, and a run that
/// has not converged must still say so.
/// </summary>
public class LanczosResidualBoundTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    /// <summary>
    /// On seeded sparse matrices (tall and wide, converged and stopped early), the values-only run gives the same values
    /// with 2k fewer products, and each bound is within a factor 2 of the explicit residual of the run with vectors, up
    /// to the rounding floor 10⁻¹²·σ₁ that neither side resolves.
    /// </summary>
    [Theory]
    [InlineData(400, 150, 6, 1e-10, 1000)]
    [InlineData(150, 400, 6, 1e-10, 1000)]
    [InlineData(300, 200, 8, 1e-12, 3)]
    [InlineData(200, 300, 4, 1e-8, 1000)]
    public void BoundsAgreeWithExplicitResiduals(int m, int n, int k, double tolerance, int maxRestarts)
    {
        var a = SparseTestMatrices.Random(m, n, 0.05, m + n);
        var options = new LanczosOptions(Tolerance: tolerance, WorkSize: k + 6, MaxRestarts: maxRestarts);
        var full = LanczosSvd.Compute(a, k, options, Backend);
        var values = LanczosSvd.Compute(a, k, options, Backend, computeVectors: false);

        Assert.Null(values.U);
        Assert.Null(values.VT);
        Assert.True(values.ResidualsEstimated);
        Assert.False(full.ResidualsEstimated);
        Assert.Equal(full.OperatorProducts - 2L * k, values.OperatorProducts);
        Assert.Equal(full.Iterations, values.Iterations);
        Assert.Equal(full.Converged, values.Converged);
        double floor = 1e-12 * full.S[0];
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(full.S[i], values.S[i]);
            double bound = values.Residuals![i], explicitResidual = full.Residuals![i];
            Assert.True(explicitResidual <= 2 * bound + floor, $"σ_{i + 1}: explicit {explicitResidual:E3} above twice the bound {bound:E3}");
            Assert.True(bound <= 2 * explicitResidual + floor, $"σ_{i + 1}: bound {bound:E3} above twice the explicit {explicitResidual:E3}");
        }
    }

    /// <summary>One restart at an unreachable tolerance: the values-only result says it has not converged, with bounds above the tolerance.</summary>
    [Fact]
    public void NotConvergedStillSaysSo()
    {
        var (a, sigma) = SparseTestMatrices.BlockDiagonal(400, 300, 17);
        var stopped = LanczosSvd.Compute(a, 10, new LanczosOptions(Tolerance: 1e-15, MaxRestarts: 1), Backend, computeVectors: false);
        Assert.False(stopped.Converged);
        Assert.Contains(stopped.Residuals!, r => r > 1e-15 * sigma.Max());
    }

    /// <summary>
    /// An operator whose transposed products disagree with its products by 10⁻⁶ relative (as a lost orthogonality or a
    /// wrong Aᵀ would make them): the Ritz estimates alone can fall below a tolerance of 10⁻¹⁰, but the bounds carry the
    /// coefficients the reorthogonalisation had to remove, so the values-only result does not claim convergence — like
    /// the explicit residuals.
    /// </summary>
    [Fact]
    public void InconsistentTransposeIsNotConvergence()
    {
        var a = SparseTestMatrices.Random(300, 200, 0.05, 11);
        var perturbed = new InconsistentTranspose(a, SparseTestMatrices.Random(300, 200, 0.05, 12), 1e-6);
        var options = new LanczosOptions(Tolerance: 1e-10, WorkSize: 14, MaxRestarts: 50);
        var values = LanczosSvd.Compute(perturbed, 6, options, Backend, computeVectors: false);
        var full = LanczosSvd.Compute(perturbed, 6, options, Backend);
        Assert.False(full.Converged);
        Assert.False(values.Converged);
        Assert.True(values.Residuals!.Max() > 10 * 1e-10 * values.S[0], $"largest bound {values.Residuals!.Max():E3}");
    }

    /// <summary>A·x by <c>a</c>, Aᵀ·y by (a + ε·e)ᵀ: not the transpose of itself.</summary>
    private sealed class InconsistentTranspose(ILinearOperator a, ILinearOperator e, double epsilon) : ILinearOperator
    {
        public int Rows => a.Rows;
        public int Cols => a.Cols;
        public long StorageBytes => a.StorageBytes + e.StorageBytes;
        public Matrix Multiply(Matrix x, ILinalgBackend backend) => a.Multiply(x, backend);

        public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend)
        {
            var z = a.MultiplyTransposed(y, backend);
            var d = e.MultiplyTransposed(y, backend);
            for (int i = 0; i < z.Data.Length; i++) z.Data[i] += epsilon * d.Data[i];
            return z;
        }

        public double SquaredFrobeniusNorm() => a.SquaredFrobeniusNorm();
    }
}
