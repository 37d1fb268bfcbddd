using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// A (possibly truncated) SVD A ≈ U·diag(S)·Vᵀ, named as Math.NET names its factorizations.
/// U is m×r with orthonormal columns, S holds r non-negative non-increasing values, VT is r×n with orthonormal rows.
/// U and VT are null for a values-only decomposition.
/// </summary>
public sealed record SingularValueDecomposition(int Rows, int Cols, double[] S, Matrix? U, Matrix? VT, SvdMethod Method)
{
    /// <summary>Number of singular triplets held.</summary>
    public int Count => S.Length;

    /// <summary>The leading <paramref name="k"/> triplets, copied.</summary>
    public SingularValueDecomposition Truncate(int k)
    {
        if (k < 0 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside 0..{Count}");
        return this with { S = S[..k], U = U?.LeadingColumns(k), VT = VT?.LeadingRows(k) };
    }
}
