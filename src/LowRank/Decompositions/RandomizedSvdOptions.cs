namespace LowRank.Decompositions;

/// <summary>
/// Parameters of <see cref="RandomizedSvd"/>, with the defaults of scikit-learn's <c>randomized_svd</c>.
/// </summary>
/// <param name="Oversampling">p: extra sample columns beyond k (Halko et al. §4.2 recommend 5–10).</param>
/// <param name="PowerIterations">q, or null for the default: 7 when k &lt; 0.1·min(m, n), else 4.</param>
/// <param name="Seed">Seed of the Gaussian test matrix Ω.</param>
/// <param name="Precision">
/// Arithmetic of the products with a float64 matrix: <see cref="SketchPrecision.Double"/> (the default) or
/// <see cref="SketchPrecision.Mixed"/> (range finder in float32, projection in float64; the result says which ran).
/// </param>
public sealed record RandomizedSvdOptions(int Oversampling = 10, int? PowerIterations = null, int Seed = 0,
    SketchPrecision Precision = SketchPrecision.Double)
{
    /// <summary>q for a rank-k sketch of an m×n matrix.</summary>
    public int PowerIterationsFor(int k, int m, int n) => PowerIterations ?? (k < 0.1 * Math.Min(m, n) ? 7 : 4);
}
