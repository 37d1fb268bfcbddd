namespace LowRank.Linalg;

/// <summary>
/// The 2-norm of a stream of numbers by the scaled sum of squares of LAPACK's dlassq: neither huge nor tiny
/// entries overflow or underflow.
/// </summary>
public struct EuclideanNorm()
{
    private double _scale = 0, _sumOfSquares = 1;

    public void Add(ReadOnlySpan<double> values)
    {
        foreach (double x in values)
        {
            if (x == 0) continue;
            double ax = Math.Abs(x);
            if (_scale < ax)
            {
                _sumOfSquares = 1 + _sumOfSquares * (_scale / ax) * (_scale / ax);
                _scale = ax;
            }
            else
            {
                _sumOfSquares += (ax / _scale) * (ax / _scale);
            }
        }
    }

    public readonly double Value => _scale * Math.Sqrt(_sumOfSquares);

    /// <summary>
    /// √(Σx²) by one vectorised pass — the norm of the iterative methods' work vectors, taken a few times per step —
    /// falling back to the scaled sum of <see cref="Of"/> when the plain sum of squares overflows or underflows.
    /// </summary>
    public static double Fast(ReadOnlySpan<double> values)
    {
        double sum = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(values);
        return IsAccurate(sum) ? Math.Sqrt(sum) : Of(values);
    }

    /// <summary>Whether a plain sum of squares neither overflowed nor came near underflow, so that its square root is the norm.</summary>
    public static bool IsAccurate(double sumOfSquares) => double.IsFinite(sumOfSquares) && sumOfSquares > 1e-280;

    public static double Of(ReadOnlySpan<double> values)
    {
        var norm = new EuclideanNorm();
        norm.Add(values);
        return norm.Value;
    }
}
