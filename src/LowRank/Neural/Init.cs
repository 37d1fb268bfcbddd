using System.Numerics;
using LowRank.Linalg;

namespace LowRank.Neural;

/// <summary>Weight initialisers (PyTorch <c>nn.init</c>), seeded by the caller's <see cref="Random"/>.</summary>
public static class Init
{
    /// <summary>Fills a weight with the rule <paramref name="initializer"/> names; fan_in = Cols, fan_out = Rows.</summary>
    public static void Apply<T>(Parameter<T> weight, Initializer initializer, Random random, ILinalgBackend? backend = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (initializer)
        {
            case Initializer.HeNormal: HeNormal(weight, random); break;
            case Initializer.GlorotUniform: GlorotUniform(weight, random); break;
            case Initializer.Orthogonal: Orthogonal(weight, random, backend); break;
            default: throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "unknown initializer");
        }
    }

    /// <summary>
    /// He et al. 2015 ("Delving deep into rectifiers", §2.2): independent N(0, 2/fan_in), which keeps the variance of
    /// ReLU activations constant across layers. Untruncated, unlike Keras' <c>he_normal</c>.
    /// </summary>
    public static void HeNormal<T>(Parameter<T> weight, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = new double[weight.Length];
        Gaussian.Fill(z, random);
        double std = Math.Sqrt(2.0 / Math.Max(1, weight.Cols));
        for (int i = 0; i < z.Length; i++) weight.Value[i] = T.CreateTruncating(std * z[i]);
    }

    /// <summary>
    /// Glorot &amp; Bengio 2010 (eq. 16): U(−a, a) with a = √(6/(fan_in + fan_out)), variance 2/(fan_in + fan_out).
    /// </summary>
    public static void GlorotUniform<T>(Parameter<T> weight, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double a = Math.Sqrt(6.0 / Math.Max(1, weight.Rows + weight.Cols));
        for (int i = 0; i < weight.Length; i++) weight.Value[i] = T.CreateTruncating(a * (2 * random.NextDouble() - 1));
    }

    /// <summary>
    /// Saxe, McClelland &amp; Ganguli 2014 (§3, "random orthogonal initial conditions"): Q from the Householder QR
    /// (LAPACK dgeqrf + dorgqr, through the backend) of a Gaussian matrix, so that the weight has orthonormal rows
    /// (out ≤ in) or orthonormal columns (out ≥ in).
    /// </summary>
    public static void Orthogonal<T>(Parameter<T> weight, Random random, ILinalgBackend? backend = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        backend ??= Backends.Current;
        int rows = weight.Rows, cols = weight.Cols;
        bool tall = rows >= cols;
        var q = backend.OrthonormalColumns(Gaussian.Matrix(tall ? rows : cols, tall ? cols : rows, random));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                weight.Value[i * cols + j] = T.CreateTruncating(tall ? q[i, j] : q[j, i]);
    }
}
