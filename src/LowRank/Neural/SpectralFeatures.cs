using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>
/// Cheap, exactly computable (no SVD), scale-free inputs for the improved SV-Learn model (Xu, Shiao, Chen, Papalexakis,
/// "SV-Learn", ICDM Workshops: its network reads the raw flattened matrix; these replace that input, see
/// <see cref="SpectralRegressor{T}"/>), all functions of Â = A/‖A‖_F (so that
/// Σσ̂² = 1 is the target's scale): the squared row norms of Â sorted descending (m values), its squared column norms
/// sorted descending (n values), and the power sums p_k = Σᵢ λᵢᵏ = tr(Gᵏ) of the eigenvalues λᵢ = σᵢ²/‖A‖_F² of the
/// Gram matrix G = ÂᵀÂ (or ÂÂᵀ, the smaller), for k = 2, 3, 4, 8, with their roots p_k^(1/k) (which tend to λ₁ as k
/// grows). All are invariant to permutations and sign flips of rows and columns, as the singular values are.
/// Cost per m×n matrix (q = min(m, n)): one Gram matrix and two q×q products, about 2·m·n·q multiply-adds.
/// </summary>
public static class SpectralFeatures
{
    private static readonly int[] Powers = [2, 3, 4, 8];

    /// <summary>Per-thread scratch (Â, its transpose, G, G², G⁴), so that feature extraction does not allocate per matrix.</summary>
    [ThreadStatic]
    private static double[]? _scratch;

    /// <summary>Features per m×n matrix: m + n + 8.</summary>
    public static int Count(int m, int n) => m + n + 2 * Powers.Length;

    /// <summary>
    /// Writes the features of one m×n matrix (row-major in <paramref name="flat"/>) into <paramref name="features"/> and
    /// returns ‖A‖_F; a zero matrix gives zero features.
    /// </summary>
    public static double Compute(ReadOnlySpan<float> flat, int m, int n, Span<double> features)
    {
        int q = Math.Min(m, n), length = Math.Max(m, n), size = m * n;
        if (_scratch is null || _scratch.Length < 2 * size + 3 * q * q) _scratch = new double[2 * size + 3 * q * q];
        var a = _scratch.AsSpan(0, size);
        double norm = 0;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = flat[i];
            norm += a[i] * a[i];
        }
        norm = Math.Sqrt(norm);
        features[..Count(m, n)].Clear();
        if (norm == 0 || !double.IsFinite(norm)) return norm;
        TP.Multiply(a, 1 / norm, a);

        // The q vectors whose inner products form the small Gram matrix, each contiguous: rows of Â when m ≤ n (ÂÂᵀ),
        // columns of Â otherwise (ÂᵀÂ).
        var vectors = m <= n ? a : Transpose(a, m, n, _scratch.AsSpan(size, size));
        var rowNorms = features[..m];
        var colNorms = features.Slice(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double v = a[i * n + j] * a[i * n + j];
                rowNorms[i] += v;
                colNorms[j] += v;
            }
        rowNorms.Sort((x, y) => y.CompareTo(x));
        colNorms.Sort((x, y) => y.CompareTo(x));

        var g = SymmetricProduct(vectors, q, length, _scratch.AsSpan(2 * size, q * q));
        var g2 = SymmetricProduct(g, q, q, _scratch.AsSpan(2 * size + q * q, q * q));
        var g4 = SymmetricProduct(g2, q, q, _scratch.AsSpan(2 * size + 2 * q * q, q * q));
        Span<double> sums = [TP.Dot<double>(g, g), TP.Dot<double>(g, g2), TP.Dot<double>(g2, g2), TP.Dot<double>(g4, g4)];
        var tail = features.Slice(m + n, 2 * Powers.Length);
        for (int k = 0; k < Powers.Length; k++)
        {
            tail[k] = sums[k];
            tail[Powers.Length + k] = Math.Pow(Math.Max(0, sums[k]), 1.0 / Powers[k]);
        }
        return norm;
    }

    /// <summary>The q×q matrix of inner products of q contiguous vectors of the given length (for a symmetric square
    /// input with length = q, its square).</summary>
    private static Span<double> SymmetricProduct(ReadOnlySpan<double> vectors, int q, int length, Span<double> product)
    {
        for (int j = 0; j < q; j++)
        {
            var vj = vectors.Slice(j * length, length);
            for (int k = j; k < q; k++)
                product[j * q + k] = product[k * q + j] = TP.Dot(vj, vectors.Slice(k * length, length));
        }
        return product;
    }

    private static Span<double> Transpose(ReadOnlySpan<double> a, int m, int n, Span<double> t)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                t[j * m + i] = a[i * n + j];
        return t;
    }
}
