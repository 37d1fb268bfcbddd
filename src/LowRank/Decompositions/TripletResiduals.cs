using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>Explicit residuals of computed singular triplets, two block products with the operator.</summary>
public static class TripletResiduals
{
    /// <summary>
    /// √(‖A·v_i − σ_i·u_i‖² + ‖Aᵀ·u_i − σ_i·v_i‖²) for each triplet: one product A·V and one Aᵀ·U (k vectors each).
    /// With a <paramref name="layout"/>, <paramref name="a"/> and <paramref name="u"/> are the rows it holds here and
    /// the sums over rows (Aᵀ·U and the left norms) go through it; without one, they are whole.
    /// </summary>
    public static double[] Compute(ILinearOperator a, Matrix u, ReadOnlySpan<double> s, Matrix vt, ILinalgBackend backend, IRowLayout? layout = null)
    {
        int k = s.Length;
        var v = vt.Transpose();
        var av = a.Multiply(v, backend);
        var atu = a.MultiplyTransposed(u, backend);
        layout?.Sum(atu.Data);
        var left = new double[k];
        for (int i = 0; i < k; i++)
        {
            var avi = av.Column(i);
            var ui = u.Column(i);
            for (int r = 0; r < avi.Length; r++) left[i] += Square(avi[r] - s[i] * ui[r]);
        }
        layout?.Sum(left);
        var residuals = new double[k];
        for (int i = 0; i < k; i++)
        {
            double right = 0;
            var atui = atu.Column(i);
            var vi = v.Column(i);
            for (int c = 0; c < atui.Length; c++) right += Square(atui[c] - s[i] * vi[c]);
            residuals[i] = Math.Sqrt(left[i] + right);
        }
        return residuals;
    }

    private static double Square(double x) => x * x;
}
