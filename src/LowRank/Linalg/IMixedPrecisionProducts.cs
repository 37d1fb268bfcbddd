namespace LowRank.Linalg;

/// <summary>
/// A float64 operator that can run the fused pass of <see cref="IFusedNormalProducts"/> in float32: each stretch of rows
/// A_i rounded to float32 a cache-sized chunk at a time (<see cref="SinglePrecisionPass"/>), then sgemm, for the
/// mixed-precision range finder of <see cref="Decompositions.RandomizedSvd.MixedRangeFinder"/>.
/// </summary>
public interface IMixedPrecisionProducts : ILinearOperator
{
    /// <summary>
    /// Whether the data is float64, so that rounding it to float32 saves work; false for float32 data, whose products
    /// already run in float32.
    /// </summary>
    bool HoldsDouble { get; }

    /// <summary>
    /// Y = fl₃₂(A)·fl₃₂(X) by sgemm, written into <paramref name="y"/> (m×b, overwritten), and in the same pass W = AᵀY:
    /// by sgemm on the rounded chunk, or, with <paramref name="transposedInDouble"/>, by dgemm on the float64 rows (the
    /// range finder's last pass, whose AᵀQ must be float64). W is written over <paramref name="w"/> (n×b, not X) when
    /// given, else into a new matrix.
    /// </summary>
    Matrix MultiplyThenTransposedInSingle(Matrix x, ILinalgBackend backend, Matrix y, bool transposedInDouble, Matrix? w = null);
}
