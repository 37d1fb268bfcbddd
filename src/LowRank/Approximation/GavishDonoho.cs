namespace LowRank.Approximation;

/// <summary>
/// The optimal hard threshold of Gavish &amp; Donoho (2014) for an m×n matrix X + σZ: τ = λ*(β)·√n·σ with σ known,
/// and with unknown σ τ = ω(β)·median(σ_i), where ω(β) = λ*(β)/√μ_β, λ*(β) = √(2(β+1) + 8β/((β+1) + √(β²+14β+1))) (their Eq. 11)
/// and μ_β is the median of the Marchenko–Pastur distribution with ratio β (computed here by quadrature and
/// bisection rather than the cubic fit 0.56β³ − 0.95β² + 1.82β + 1.43 that the paper also gives).
/// </summary>
public static class GavishDonoho
{
    /// <summary>λ*(β), the threshold coefficient when the noise level is known (ω(1)·√μ₁ = 4/√3).</summary>
    public static double LambdaStar(double beta) =>
        Math.Sqrt(2 * (beta + 1) + 8 * beta / (beta + 1 + Math.Sqrt(beta * beta + 14 * beta + 1)));

    /// <summary>ω(β) for the unknown-noise threshold; β in (0, 1].</summary>
    public static double Omega(double beta)
    {
        if (!(beta > 0 && beta <= 1)) throw new ArgumentOutOfRangeException(nameof(beta), "β must be in (0, 1]");
        return LambdaStar(beta) / Math.Sqrt(MarchenkoPasturMedian(beta));
    }

    /// <summary>
    /// σ̂ = median(σ_i)/√(n·μ_β), the noise level per entry estimated from the spectrum of an m×n matrix (2014 paper,
    /// §III-E), n = max(m, n), β = min(m, n)/n; λ*(β)·√n·σ̂ is then the unknown-noise threshold ω(β)·median(σ_i).
    /// </summary>
    public static double NoiseLevel(IReadOnlyList<double> sigma, int m, int n)
    {
        if (sigma.Count == 0) throw new InvalidInputException("estimating the noise level needs a non-empty matrix");
        int large = Math.Max(m, n);
        double beta = (double)Math.Min(m, n) / large;
        return Median(sigma) / Math.Sqrt(large * MarchenkoPasturMedian(beta));
    }

    /// <summary>λ*(β)·√n·σ, the optimal hard threshold for an m×n matrix with known noise level σ per entry (Eq. 10), n = max(m, n).</summary>
    public static double KnownNoiseThreshold(int m, int n, double noiseSigma)
    {
        int large = Math.Max(m, n);
        return LambdaStar((double)Math.Min(m, n) / large) * Math.Sqrt(large) * noiseSigma;
    }

    /// <summary>
    /// Median of the Marchenko–Pastur law with ratio β ≤ 1 and unit variance, density
    /// √((b−x)(x−a)) / (2πβx) on [a, b], a = (1−√β)², b = (1+√β)².
    /// </summary>
    public static double MarchenkoPasturMedian(double beta)
    {
        double a = Math.Pow(1 - Math.Sqrt(beta), 2), b = Math.Pow(1 + Math.Sqrt(beta), 2);
        double lo = a, hi = b;
        for (int it = 0; it < 80; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (MarchenkoPasturCdf(beta, a, b, mid) < 0.5) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// ∫_a^x density by Simpson's rule after x = a + (b−a)(1−cos θ)/2, which turns the integrand into the smooth
    /// (b−a)² sin²θ / (8πβx); for β = 1 (a = 0) that is b(1 + cos θ)/(4πβ), finite at θ = 0.
    /// </summary>
    private static double MarchenkoPasturCdf(double beta, double a, double b, double x)
    {
        double thetaMax = Math.Acos(Math.Clamp(1 - 2 * (x - a) / (b - a), -1, 1));
        const int intervals = 2000;
        double h = thetaMax / intervals, sum = 0;
        for (int i = 0; i <= intervals; i++)
        {
            double theta = i * h, c = Math.Cos(theta);
            double t = a + (b - a) * (1 - c) / 2;
            double f = a == 0
                ? b * (1 + c) / (4 * Math.PI * beta)
                : (b - a) * (b - a) * (1 - c * c) / (8 * Math.PI * beta * t);
            sum += f * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
