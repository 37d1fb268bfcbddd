namespace LowRank.Approximation;

/// <summary>
/// The optimal shrinker of singular values for Frobenius loss of M. Gavish and D. L. Donoho, "Optimal shrinkage of
/// singular values", IEEE Trans. Inf. Theory 63(4), 2017 (their Eq. 7 with Table I, loss ‖·‖_F): for a singular
/// value y of X + Z/√n normalised to noise level 1/√n per entry, η(y) = √((y² − β − 1)² − 4β) / y when y ≥ 1 + √β
/// (the bulk edge of the Marchenko–Pastur law) and 0 below it.
/// </summary>
public static class OptimalShrinkage
{
    /// <summary>η(y) for aspect ratio β = min(m, n)/max(m, n) in (0, 1]; 0 at and below the bulk edge 1 + √β.</summary>
    public static double Frobenius(double y, double beta)
    {
        if (!(beta > 0 && beta <= 1)) throw new ArgumentOutOfRangeException(nameof(beta), "β must be in (0, 1]");
        if (!(y >= BulkEdge(beta))) return 0;
        double t = y * y - beta - 1;
        return Math.Sqrt(Math.Max(t * t - 4 * beta, 0)) / y;
    }

    /// <summary>1 + √β, the largest normalised singular value of pure noise as the matrix grows.</summary>
    public static double BulkEdge(double beta) => 1 + Math.Sqrt(beta);
}
