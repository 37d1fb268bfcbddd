using LowRank.Approximation;
using LowRank.Linalg;

namespace LowRank.Compression;

/// <summary>
/// An image at given ranks: the rank-k approximation of each plane (with its σ-tail error report), the 8-bit
/// pixels it becomes (grey or R, G, B — exactly what an image file of it stores) and their fidelity.
/// </summary>
public sealed record CompressedImage
{
    public required ColourModel Model { get; init; }

    /// <summary>The rank of each plane.</summary>
    public required IReadOnlyList<int> Ranks { get; init; }

    /// <summary>Per plane: A_k = U_k Σ_k V_kᵀ with ‖A − A_k‖_F/‖A‖_F = √(Σ_{i&gt;k} σ_i²)/‖A‖_F (exact SVD).</summary>
    public required IReadOnlyList<RankKApproximation> Planes { get; init; }

    /// <summary>Grey or R, G, B, values 0..255 rounded and clamped.</summary>
    public required IReadOnlyList<Matrix> Pixels { get; init; }

    public required ImageFidelity Fidelity { get; init; }

    /// <summary>Seconds to reconstruct and measure (the SVD is timed in <see cref="ImageCompressor.SvdSeconds"/>).</summary>
    public required double Seconds { get; init; }

    /// <summary>Numbers stored for all planes: Σ k_c(m + n + 1).</summary>
    public long StoredNumbers => Planes.Sum(p => p.StoredNumbers);

    /// <summary>Stored numbers as a fraction of the m·n·(number of planes) pixel values.</summary>
    public double StorageRatio => StoredNumbers / ((double)Planes[0].Rows * Planes[0].Cols * Planes.Count);
}
