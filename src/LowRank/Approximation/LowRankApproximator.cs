using System.Diagnostics;
using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Approximation;

/// <summary>
/// Best rank-k approximation by truncated SVD (Eckart &amp; Young 1936; Mirsky 1960), with the error report.
/// <list type="number">
/// <item>If the rank rule reads the spectrum (energy, ratio, auto-denoise, shrink), compute all singular values (values-only dgesdd) and pick k.</item>
/// <item>Compute the leading k triplets by the chosen method (auto: <see cref="SvdSolver.Resolve"/>); the shrink rule
/// then puts its shrunk values in place of σ₁ … σ_k (<see cref="SpectralDenoiser"/>).</item>
/// <item>Errors: from σ when the computed triplets are exact and the spectrum is known (for stored values s_i in place
/// of σ_i, ‖A − Â‖_F² = Σ_{i≤k} (σ_i − s_i)² + Σ_{i&gt;k} σ_i² and ‖A − Â‖₂ = max(max_{i≤k} |σ_i − s_i|, σ_{k+1})); for a
/// randomized or Lanczos result, the Frobenius error of the computed A_k (block by block on dense storage; on other
/// operators from ‖A − A_k‖_F² = ‖A‖_F² − Σσ_i², which holds because UᵀAV = diag(σ) for these methods, to about
/// √ε·‖A‖_F absolute) and its spectral error by power iteration on the residual operator — A − A_k is never formed.</item>
/// </list>
/// A is any <see cref="ILinearOperator"/>; a rule that reads the whole spectrum, or the exact method, densifies it
/// after a memory check.
/// </summary>
public static class LowRankApproximator
{
    public static RankKApproximation Approximate(ILinearOperator a, RankRule rule, SvdMethod method = SvdMethod.Auto,
        RandomizedSvdOptions? options = null, ILinalgBackend? backend = null, LanczosOptions? lanczos = null)
    {
        backend ??= Backends.Current;
        if (a.Rows == 0 || a.Cols == 0) throw new InvalidInputException("the matrix is empty");
        if (a is Matrix dense && !dense.AllFinite()) throw new InvalidInputException("the matrix has missing or non-finite entries; fill them first by matrix completion");
        var clock = Stopwatch.StartNew();
        int m = a.Rows, n = a.Cols, p = Math.Min(m, n);

        // A rule that reads the spectrum needs all σ first. When the exact method will run anyway (asked for, or a
        // matrix too small for auto to pick randomized), one full SVD gives both; otherwise values-only is cheaper.
        SingularValueDecomposition? full = null;
        double[]? spectrum = null;
        if (rule.NeedsSpectrum)
        {
            bool exactAnyway = method == SvdMethod.Exact || (method == SvdMethod.Auto && p < SvdSolver.RandomizedMinDimension);
            full = exactAnyway ? ExactSvd.Compute(a, true, backend) : null;
            spectrum = full?.S ?? ExactSvd.Values(a, backend);
        }
        var denoising = rule.IsDenoising ? rule.Denoise(spectrum!, m, n) : null;
        int k = spectrum is null ? (int)rule.Value : denoising?.Kept ?? rule.Select(spectrum, m, n);
        RequireRank(k, m, n);

        SingularValueDecomposition svd;
        if (SvdSolver.ResolveFor(method, a, k) == SvdMethod.Exact)
        {
            full ??= ExactSvd.Compute(a, true, backend);
            spectrum ??= full.S;
            svd = full.Truncate(k);
        }
        else
        {
            svd = SvdSolver.Compute(a, k, method, options, computeVectors: true, backend, lanczos);
        }
        return Report(a, Denoised(svd, denoising), svd.S, spectrum, denoising, backend, clock);
    }

    /// <summary>Refuses a rank outside 1..min(m, n) for an m×n matrix, as bad input.</summary>
    public static void RequireRank(int k, int rows, int cols)
    {
        int p = Math.Min(rows, cols);
        if (k < 1 || k > p) throw new InvalidInputException($"rank k = {k} must be between 1 and min(m, n) = {p} for a {rows}×{cols} matrix");
    }

    /// <summary>
    /// The rank-k approximation from a complete exact SVD already computed (e.g. one SVD reused for several ranks):
    /// truncation only, errors read from the spectrum.
    /// </summary>
    public static RankKApproximation FromExactSvd(Matrix a, SingularValueDecomposition full, int k, ILinalgBackend? backend = null) =>
        FromExactSvd(a, full, RankRule.Fixed(k), backend);

    /// <summary>
    /// The approximation that <paramref name="rule"/> picks from a complete exact SVD already computed: its k, and for
    /// the shrink rule its shrunk values; errors read from the spectrum.
    /// </summary>
    public static RankKApproximation FromExactSvd(Matrix a, SingularValueDecomposition full, RankRule rule, ILinalgBackend? backend = null)
    {
        if (full.Method != SvdMethod.Exact || full.Count != a.MinDimension)
            throw new ArgumentException("FromExactSvd needs the complete exact SVD of the matrix");
        var clock = Stopwatch.StartNew();
        var denoising = rule.IsDenoising ? rule.Denoise(full.S, a.Rows, a.Cols) : null;
        int k = denoising?.Kept ?? rule.Select(full.S, a.Rows, a.Cols);
        RequireRank(k, a.Rows, a.Cols);
        return Report(a, Denoised(full.Truncate(k), denoising), full.S[..k], full.S, denoising, backend ?? Backends.Current, clock);
    }

    /// <summary>The leading triplets with the shrunk values of <paramref name="denoising"/> in place of σ, if it shrinks.</summary>
    private static SingularValueDecomposition Denoised(SingularValueDecomposition svd, SingularValueDenoising? denoising) =>
        denoising?.Rule == RankRuleKind.Shrink ? svd with { S = denoising.Denoised } : svd;

    /// <summary>Errors, numerical rank and timing of the leading triplets <paramref name="svd"/> of A.</summary>
    private static RankKApproximation Report(ILinearOperator a, SingularValueDecomposition svd, double[] computed, double[]? spectrum, SingularValueDenoising? denoising,
        ILinalgBackend backend, Stopwatch clock)
    {
        int m = a.Rows, n = a.Cols, p = Math.Min(m, n), k = svd.Count;
        double normF = a is Matrix dense ? dense.FrobeniusNorm() : Math.Sqrt(a.SquaredFrobeniusNorm());
        bool exactTriplets = svd.Method == SvdMethod.Exact;
        double sigmaNext, relSpectral, relFrobenius;
        double? optimal = spectrum is null ? null : SafeRatio(TailNorm(spectrum, k), normF);
        if (exactTriplets)
        {
            sigmaNext = k < p ? spectrum![k] : 0;
            double headSq = 0, headMax = 0;
            for (int i = 0; i < k; i++)
            {
                double d = Math.Abs(spectrum![i] - svd.S[i]);
                headSq += d * d;
                headMax = Math.Max(headMax, d);
            }
            relSpectral = SafeRatio(Math.Max(sigmaNext, headMax), spectrum![0]);
            relFrobenius = headSq == 0 ? optimal!.Value : SafeRatio(Math.Sqrt(headSq + Math.Pow(TailNorm(spectrum, k), 2)), normF);
        }
        else
        {
            double residualSpectral = ResidualNorms.SpectralEstimate(a, svd.U!, svd.S, svd.VT!, backend);
            sigmaNext = spectrum is null ? residualSpectral : k < p ? spectrum[k] : 0;
            double normSpectral = spectrum?[0] ?? svd.S[0];
            relSpectral = SafeRatio(residualSpectral, normSpectral);
            // Off dense storage: with r the method's own values (UᵀAV = diag(r) for randomized and Lanczos), A − U·diag(r)·Vᵀ
            // is orthogonal to U·D·Vᵀ for any diagonal D, so with stored values s_i (r_i, or shrunk) in place of r_i
            // ‖A − U·diag(s)·Vᵀ‖_F² = ‖A‖_F² − Σr_i² + Σ(r_i − s_i)². The exact spectrum is not r and must not stand in for it.
            double[] sigma = computed;
            double residualFrobenius = a is Matrix denseA
                ? ResidualNorms.Frobenius(denseA, svd.U!, svd.S, svd.VT!, backend)
                : Math.Sqrt(Math.Max(0, normF * normF - sigma.Sum(x => x * x) + sigma.Zip(svd.S).Sum(p => (p.First - p.Second) * (p.First - p.Second))));
            relFrobenius = SafeRatio(residualFrobenius, normF);
        }

        int numericalRank = NumericalRank.FromSingularValues(spectrum ?? svd.S, m, n);
        return new RankKApproximation
        {
            Rows = m,
            Cols = n,
            Rank = k,
            Method = svd.Method,
            U = svd.U!,
            S = svd.S,
            VT = svd.VT!,
            Spectrum = spectrum,
            SigmaNext = sigmaNext,
            RelErrorSpectral = relSpectral,
            RelErrorFrobenius = relFrobenius,
            SpectralErrorEstimated = !exactTriplets,
            OptimalRelErrorFrobenius = optimal,
            NumericalRank = numericalRank,
            NumericalRankIsLowerBound = spectrum is null && numericalRank == k && k < p,
            Denoising = denoising,
            Seconds = clock.Elapsed.TotalSeconds,
            Svd = svd,
        };
    }

    /// <summary>√(Σ_{i&gt;k} σ_i²), summed from the tail so that small values are not lost.</summary>
    public static double TailNorm(IReadOnlyList<double> sigma, int k)
    {
        double sum = 0;
        for (int i = sigma.Count - 1; i >= k; i--) sum += sigma[i] * sigma[i];
        return Math.Sqrt(sum);
    }

    private static double SafeRatio(double x, double y) => y == 0 ? 0 : x / y;
}
