using LowRank.Approximation;
using LowRank.Linalg;

namespace LowRank.Compression;

/// <summary>
/// The factors of one rank-k plane A_k = Σ_j σ_j u_j v_jᵀ with each singular vector quantised to signed
/// <see cref="Bits"/>-bit integers: u_j ≈ s_j·q_j with q_j = round(u_j / s_j) and the per-vector scale
/// s_j = max_i |u_ij| / (2^(b−1) − 1) (symmetric uniform quantisation, one scale per column — the error of each
/// entry is at most s_j/2, relative to that vector's own largest entry). σ and the scales are kept as doubles.
/// </summary>
public sealed record QuantizedFactors
{
    public required int Rows { get; init; }

    public required int Cols { get; init; }

    /// <summary>8 or 16.</summary>
    public required int Bits { get; init; }

    /// <summary>σ₁ … σ_k.</summary>
    public required double[] S { get; init; }

    /// <summary>The scale s_j of each left singular vector u_j.</summary>
    public required double[] UScales { get; init; }

    /// <summary>The scale of each right singular vector v_j.</summary>
    public required double[] VScales { get; init; }

    /// <summary>Codes of U_k, m×k column-major (column j is u_j).</summary>
    public required short[] UCodes { get; init; }

    /// <summary>Codes of V_k, n×k column-major (column j is v_j).</summary>
    public required short[] VCodes { get; init; }

    public int Rank => S.Length;

    /// <summary>The largest code magnitude at <paramref name="bits"/> bits, 2^(b−1) − 1 (127 or 32767).</summary>
    public static int MaxCode(int bits) => bits is 8 or 16
        ? (1 << (bits - 1)) - 1
        : throw new InvalidInputException($"factors are quantised to 8 or 16 bits, not {bits}");

    public static QuantizedFactors Quantize(RankKApproximation plane, int bits)
    {
        int max = MaxCode(bits), m = plane.Rows, n = plane.Cols, k = plane.Rank;
        var uScales = new double[k];
        var vScales = new double[k];
        var uCodes = new short[(long)m * k];
        var vCodes = new short[(long)n * k];
        var v = new double[n];
        for (int j = 0; j < k; j++)
        {
            uScales[j] = QuantizeVector(plane.U.Column(j), max, uCodes.AsSpan(j * m, m));
            for (int t = 0; t < n; t++) v[t] = plane.VT[j, t];
            vScales[j] = QuantizeVector(v, max, vCodes.AsSpan(j * n, n));
        }
        return new QuantizedFactors
        {
            Rows = m, Cols = n, Bits = bits, S = plane.S.ToArray(), UScales = uScales, VScales = vScales, UCodes = uCodes, VCodes = vCodes,
        };
    }

    /// <summary>Û·diag(σ)·V̂ᵀ from the dequantised vectors.</summary>
    public Matrix Reconstruct(ILinalgBackend? backend = null)
    {
        int m = Rows, n = Cols, k = Rank;
        var u = new Matrix(m, k);
        var svt = new Matrix(k, n);
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < m; i++) u.Data[j * m + i] = UScales[j] * UCodes[j * m + i];
            double scale = S[j] * VScales[j];
            for (int t = 0; t < n; t++) svt.Data[t * k + j] = scale * VCodes[j * n + t];
        }
        return (backend ?? Backends.Current).Multiply(u, svt);
    }

    /// <summary>Writes the codes of <paramref name="x"/> and returns its scale (0 for a zero vector).</summary>
    private static double QuantizeVector(ReadOnlySpan<double> x, int max, Span<short> codes)
    {
        double largest = 0;
        foreach (double value in x) largest = Math.Max(largest, Math.Abs(value));
        double scale = largest / max;
        for (int i = 0; i < x.Length; i++) codes[i] = scale == 0 ? (short)0 : (short)Math.Round(x[i] / scale);
        return scale;
    }
}
