using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>Explicit residuals of computed singular triplets, two block products with the operator.</summary>
public static class TripletResiduals
{
    /// <summary>
    /// √(‖A·v_i − σ_i·u_i‖² + ‖Aᵀ·u_i − σ_i·v_i‖²) for each triplet: one product A·V and one Aᵀ·U (k vectors each).
    /// </summary>
    public static double[] Compute(ILinearOperator a, Matrix u, ReadOnlySpan<double> s, Matrix vt, ILinalgBackend backend)
    {
        int k = s.Length;
        var v = vt.Transpose();
        var av = a.Multiply(v, backend);
        var atu = a.MultiplyTransposed(u, backend);
        var residuals = new double[k];
        for (int i = 0; i < k; i++)
        {
            double left = 0, right = 0;
            var avi = av.Column(i);
            var ui = u.Column(i);
            for (int r = 0; r < avi.Length; r++) left += Square(avi[r] - s[i] * ui[r]);
            var atui = atu.Column(i);
            var vi = v.Column(i);
            for (int c = 0; c < atui.Length; c++) right += Square(atui[c] - s[i] * vi[c]);
            residuals[i] = Math.Sqrt(left + right);
        }
        return residuals;
    }

    private static double Square(double x) => x * x;
}
