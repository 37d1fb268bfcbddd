using System.Numerics;
using System.Runtime.InteropServices;
using LowRank.Linalg;

namespace LowRank.Neural;

/// <summary>Generic gemm: dispatches to the backend's sgemm or dgemm (column-major, BLAS argument order).</summary>
internal static class Blas<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static void Gemm(ILinalgBackend backend, bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
    {
        if (typeof(T) == typeof(float))
            backend.Gemm(transA, transB, m, n, k, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc);
        else if (typeof(T) == typeof(double))
            backend.Gemm(transA, transB, m, n, k, double.CreateTruncating(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc);
        else
            throw new NotSupportedException($"the neural engine computes in float or double, not {typeof(T).Name}");
    }
}
