using System.Runtime.InteropServices;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.Decompositions;

/// <summary>
/// The single-pass SVD of a matrix read block of rows by block of rows: one pass builds the <see cref="StreamingSketch"/>
/// of Tropp, Yurtsever, Udell &amp; Cevher (SISC 2019), the approximation comes from the sketch alone. Where the data can
/// be read again, <see cref="FrobeniusError(RowBlockOperator, SingularValueDecomposition, ILinalgBackend)"/> measures the true error in one more pass, to set next to the estimate.
/// </summary>
public static class StreamingSvd
{
    /// <summary>The rank-r approximation of the float64 block operator <paramref name="a"/> from one pass over it.</summary>
    public static StreamingApproximation Compute(RowBlockOperator a, int rank, StreamingSketchSize size, int seed, ILinalgBackend backend)
    {
        if (a.ElementType != BlockElementType.Float64) throw new ArgumentException("the single-pass sketch reads float64 blocks (convert on reading)");
        var sketch = new StreamingSketch(a.Rows, a.Cols, size, seed);
        a.ForEachBlock((first, count, block) => sketch.AddRows(first, count, MemoryMarshal.Cast<byte, double>(block), backend));
        return sketch.Approximate(rank, backend);
    }

    /// <summary>‖A − U·diag(S)·Vᵀ‖_F in one pass: each block of rows of the approximation formed (one gemm) and subtracted.</summary>
    public static double FrobeniusError(RowBlockOperator a, SingularValueDecomposition svd, ILinalgBackend backend)
    {
        if (a.ElementType != BlockElementType.Float64) throw new ArgumentException("the error pass reads float64 blocks");
        return FrobeniusError(a.ForEachBlock, a.BlockRows, svd, backend);
    }

    /// <summary>
    /// ‖A − U·diag(S)·Vᵀ‖_F from one pass of <paramref name="forEachBlock"/> over the float64 rows of A (blocks of at most
    /// <paramref name="blockRows"/> rows, in any order): any source of row blocks, such as a stream opened again.
    /// </summary>
    public static double FrobeniusError(Action<RowBlockOperator.BlockAction> forEachBlock, int blockRows, SingularValueDecomposition svd, ILinalgBackend backend)
    {
        ArgumentNullException.ThrowIfNull(forEachBlock);
        int cols = svd.Cols;
        var us = svd.U!.Clone();
        for (int j = 0; j < svd.Count; j++)
            foreach (ref double x in us.Column(j)) x *= svd.S[j];
        var v = svd.VT!.Transpose();
        var scratch = new double[(long)blockRows * cols];
        var norm = new EuclideanNorm();
        forEachBlock((first, count, block) =>
        {
            var rows = scratch.AsSpan(0, count * cols);
            FactorRows.Fill(us, v, first, count, rows, backend);
            var data = MemoryMarshal.Cast<byte, double>(block);
            for (int i = 0; i < rows.Length; i++) rows[i] = data[i] - rows[i];
            norm.Add(rows);
        });
        return norm.Value;
    }
}
