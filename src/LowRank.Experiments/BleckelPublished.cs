namespace LowRank.Experiments;

/// <summary>
/// The numbers published by the study reproduced in <see cref="BleckelExperiment"/> (Bleckel, neural-network
/// low-rank approximation with an n-n-k-n bottleneck network): relative 2-norm errors ‖A − B‖₂ / ‖A‖₂.
/// </summary>
public static class BleckelPublished
{
    /// <summary>50×50 identity at k = 20: SVD error and network error.</summary>
    public static readonly (double Svd, double Network) Identity = (1.0, 1.00146);

    /// <summary>50×50 diagonal with the row numbers 0, 1, …, 49 at k = 20 (0.5918 = 29/49).</summary>
    public static readonly (double Svd, double Network) DiagonalFromZero = (0.5918, 0.6417);

    /// <summary>256×256 grey logo at k = 10.</summary>
    public static readonly (double Svd, double Network) Logo = (0.01585, 0.02859);

    /// <summary>Random 10×10 Gaussian matrices: mean |network error − SVD error| for k = 1, …, 9.</summary>
    public static readonly double[] GaussianGap = [0.0005, 0.0519, 0.0773, 0.0768, 0.0923, 0.0919, 0.1351, 0.1373, 0.1550];

    /// <summary>Random 10×10 symmetric matrices: mean |network error − SVD error| for k = 1, …, 9.</summary>
    public static readonly double[] SymmetricGap = [0.0199, 0.0478, 0.0646, 0.0658, 0.1128, 0.1238, 0.1439, 0.1279, 0.1596];
}
