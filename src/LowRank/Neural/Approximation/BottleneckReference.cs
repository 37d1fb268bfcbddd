using LowRank.Approximation;
using LowRank.Linalg;

namespace LowRank.Neural.Approximation;

/// <summary>A, its singular values and the SVD's errors at rank k: what a bottleneck network is measured against.</summary>
internal sealed class BottleneckReference
{
    private readonly Matrix _a;
    private readonly int _rank;

    public BottleneckReference(Matrix a, double[] sigma, int rank)
    {
        _a = a;
        _rank = rank;
        Sigma1 = sigma.Length > 0 ? sigma[0] : 0;
        FrobeniusNorm = a.FrobeniusNorm();
        SvdSpectral = Sigma1 > 0 && rank < sigma.Length ? sigma[rank] / Sigma1 : 0;
        SvdFrobenius = FrobeniusNorm > 0 ? EuclideanNorm.Of(sigma.AsSpan(Math.Min(rank, sigma.Length))) / FrobeniusNorm : 0;
    }

    public double Sigma1 { get; }

    public double FrobeniusNorm { get; }

    /// <summary>σ_{k+1}/σ₁ (0 when k = min(m, n) or A = 0).</summary>
    public double SvdSpectral { get; }

    /// <summary>√(Σ_{i&gt;k} σᵢ²)/‖A‖_F (0 when A = 0).</summary>
    public double SvdFrobenius { get; }

    /// <summary>Whether a relative spectral error is within <paramref name="ratio"/> × the SVD's, or below <paramref name="resolution"/>.</summary>
    public bool Reached(double spectral, double ratio, double resolution) => spectral <= ratio * SvdSpectral || spectral <= resolution;

    /// <summary>The relative errors of a network matrix Ŵ that approximates Â = A/σ₁.</summary>
    public (double Spectral, double Frobenius) ScaledErrors(Matrix scaledW, ILinalgBackend backend)
    {
        var (spectral, frobenius) = NormsOfResidual(scaledW, Sigma1, backend);
        return (spectral, frobenius * Sigma1 / FrobeniusNorm);
    }

    public BottleneckResult Assess(Matrix w, BottleneckDesign design, TrainingObjective objective, IReadOnlyList<BottleneckEpoch> history,
        double? secondsTo101, double seconds, int parameters, ILinalgBackend backend)
    {
        var (residualSpectral, residualFrobenius) = NormsOfResidual(w, 1, backend);
        int numericalRank = NumericalRank.Of(w, backend);
        return new BottleneckResult(_a.Rows, _a.Cols, _rank, design, objective, w, numericalRank, numericalRank <= _rank,
            Relative(residualSpectral, Sigma1), Relative(residualFrobenius, FrobeniusNorm), SvdSpectral, SvdFrobenius,
            history, secondsTo101, seconds, parameters);
    }

    /// <summary>‖R‖₂ and ‖R‖_F of R = A/<paramref name="divisor"/> − W, in one buffer: ‖R‖_F is taken before dgesdd destroys it.</summary>
    private (double Spectral, double Frobenius) NormsOfResidual(Matrix w, double divisor, ILinalgBackend backend)
    {
        var r = new Matrix(w.Rows, w.Cols);
        for (int i = 0; i < r.Data.Length; i++) r.Data[i] = _a.Data[i] / divisor - w.Data[i];
        double frobenius = r.FrobeniusNorm();
        return (backend.Svd(r, computeVectors: false).S[0], frobenius);
    }

    /// <summary>‖R‖/‖A‖, with 0/0 = 0 and x/0 = +∞ for x &gt; 0 (A = 0: exact iff W = 0).</summary>
    private static double Relative(double residual, double norm) =>
        norm > 0 ? residual / norm : residual == 0 ? 0 : double.PositiveInfinity;
}
