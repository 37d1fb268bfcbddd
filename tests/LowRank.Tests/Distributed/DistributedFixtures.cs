using System.Buffers.Binary;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Tests.Distributed;

/// <summary>Matrices and files for the distributed tests, made in C# (no Python needed).</summary>
internal static class DistributedFixtures
{
    /// <summary>
    /// A = U·diag(0.8⁰, 0.8¹, …)·Vᵀ with random orthonormal U (m×r) and V (n×r): well-separated singular values, so the
    /// leading singular vectors are determined to rounding and runs can be compared entry by entry.
    /// </summary>
    public static Matrix Geometric(int m, int n, int r, int seed)
    {
        var backend = Backends.Current;
        var u = Orthonormalization.Orthonormalize(Gaussian.Matrix(m, r, new Random(seed)), backend);
        var v = Orthonormalization.Orthonormalize(Gaussian.Matrix(n, r, new Random(seed + 1)), backend);
        for (int j = 0; j < r; j++)
            foreach (ref double x in u.Column(j)) x *= Math.Pow(0.8, j);
        return backend.Multiply(u, v, transB: true);
    }

    /// <summary>Writes <paramref name="a"/> as numpy's default C-order (row-major) float64 .npy, as numpy.save does.</summary>
    public static string WriteCOrder(string path, Matrix a)
    {
        byte[] header = NpyHeader.Format("<f8", fortranOrder: false, [a.Rows, a.Cols]);
        var bytes = new byte[header.Length + a.Rows * a.Cols * sizeof(double)];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(header.Length + (i * a.Cols + j) * sizeof(double)), a[i, j]);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Rows [start, start + count) of <paramref name="a"/>.</summary>
    public static Matrix Rows(Matrix a, int start, int count)
    {
        var block = new Matrix(count, a.Cols);
        for (int j = 0; j < a.Cols; j++)
            for (int i = 0; i < count; i++) block[i, j] = a[start + i, j];
        return block;
    }
}
