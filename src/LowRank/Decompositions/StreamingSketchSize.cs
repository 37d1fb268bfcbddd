namespace LowRank.Decompositions;

/// <summary>
/// Sizes of the single-pass sketch of <see cref="StreamingSketch"/> (Tropp, Yurtsever, Udell &amp; Cevher, "Streaming
/// low-rank matrix approximation with an application to scientific simulation", SIAM J. Sci. Comput. 41(4), 2019):
/// k for the range sketch Y = AΩᵀ (m×k) and co-range sketch X = ΥA (k×n), s for the core sketch Z = ΦAΨᵀ (s×s), and q
/// for the error sketch W = ΘA (q×n) behind the a-posteriori estimate (§6).
/// </summary>
public sealed record StreamingSketchSize(int RangeSize, int CoreSize, int ErrorSize)
{
    /// <summary>α of the paper: 1 for real matrices (the 2019 paper's α = 1 for ℝ, 0 for ℂ).</summary>
    public const int Alpha = 1;

    /// <summary>Default q of the error sketch: the estimate of ‖A − Â‖_F then has a relative spread of about 1/√(2q) = 5 %.</summary>
    public const int DefaultErrorSize = 200;

    /// <summary>Default storage budget T for a target rank r: 20·r·(m + n) numbers.</summary>
    public static long DefaultBudget(int rank, int m, int n) => 20L * rank * (m + n);

    /// <summary>Numbers the range, co-range and core sketches hold: k(m + n) + s² (the paper's storage count, error sketch aside).</summary>
    public long Storage(int m, int n) => (long)RangeSize * (m + n) + (long)CoreSize * CoreSize;

    /// <summary>
    /// The sizes for a storage budget of <paramref name="budget"/> numbers and target rank r: the paper's "natural"
    /// parameter choice, formula (5.6) of §5.4, k♮ = ⌊(√((m + n + 4α)² + 16(T − α²)) − (m + n + 4α))/8⌋ (the largest k with
    /// k(m + n) + (2k + α)² ≤ T, so that s ≥ 2k + α as Theorem 5.1 wants) and s♮ = ⌊√(T − k♮(m + n))⌋ (the rest of the
    /// budget). The same formulas are in the authors' SKETCH toolbox (github.com/alpyurtsever/SKETCH, the "Natural (5.6)"
    /// curves of its plotting scripts). The paper takes k = max(r + α + 1, k♮); here a budget with k♮ &lt; r + α + 1 (which
    /// that max would overrun) is refused with its minimum instead. s is capped by min(m, n), and k then by (s − α)/2 so that s ≥ 2k + α still holds. The paper's other
    /// choice, (5.7) for a flat spectrum (k and s from (T + s²)(k² − r²) = 2rs²(s − k) and k(m + n) + s² = T), is not used.
    /// </summary>
    public static StreamingSketchSize ForBudget(long budget, int rank, int m, int n, int errorSize = DefaultErrorSize)
    {
        int p = Math.Min(m, n);
        if (rank < 1 || rank >= p) throw new InvalidInputException($"rank r = {rank} must be between 1 and min(m, n) − 1 = {p - 1} for a single-pass sketch");
        // 4k² + (m + n + 4α)k + α² − T ≤ 0
        double b = m + n + 4.0 * Alpha;
        long k = (long)Math.Floor((Math.Sqrt(b * b + 16.0 * (budget - Alpha * Alpha)) - b) / 8);
        k = Math.Min(k, p);
        int kMin = rank + Alpha + 1;
        if (k < kMin)
        {
            long minimum = (long)kMin * (m + n) + (long)(2 * kMin + Alpha) * (2 * kMin + Alpha);
            throw new InvalidInputException($"a storage budget of {budget:N0} numbers is too small for a rank-{rank} single-pass sketch of a {m:N0}×{n:N0} matrix: it needs at least {minimum:N0} (k = r + 2 = {kMin}, s = 2k + 1; Tropp et al. 2019, (5.6))");
        }
        int s = (int)Math.Min(Math.Floor(Math.Sqrt(budget - k * (double)(m + n))), p);
        // s capped by min(m, n): keep s ≥ 2k + α (Theorem 5.1's condition; with s close to k, ΦQ is ill-conditioned)
        k = Math.Max(kMin, Math.Min(k, (s - Alpha) / 2));
        if (s < 2 * k + Alpha)
            throw new InvalidInputException($"a {m:N0}×{n:N0} matrix is too small for a rank-{rank} single-pass sketch: the core sketch needs s = 2k + 1 = {2 * kMin + Alpha} ≤ min(m, n) = {p} with k = r + 2");
        return new StreamingSketchSize((int)k, s, Math.Max(1, errorSize));
    }
}
