using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Approximation;

/// <summary>
/// Numerical rank: the number of singular values above max(m, n)·ε·σ₁ (the default tolerance of MATLAB's
/// <c>rank</c> and numpy's <c>matrix_rank</c>).
/// </summary>
public static class NumericalRank
{
    public static double Tolerance(double sigmaMax, int m, int n) => Math.Max(m, n) * MachineEpsilon * sigmaMax;

    /// <summary>Count of σ above the tolerance, for a non-increasing spectrum of an m×n matrix.</summary>
    public static int FromSingularValues(IReadOnlyList<double> sigma, int m, int n)
    {
        if (sigma.Count == 0) return 0;
        double tol = Tolerance(sigma[0], m, n);
        return sigma.Count(s => s > tol);
    }

    /// <summary>The numerical rank of a matrix (values-only SVD).</summary>
    public static int Of(Matrix a, ILinalgBackend? backend = null) =>
        FromSingularValues(ExactSvd.Values(a, backend), a.Rows, a.Cols);

    /// <summary>Machine epsilon of double, 2⁻⁵² (numpy: finfo(float).eps).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;
}
