using LowRank.Compression.Networks;

namespace LowRank.Experiments;

/// <summary>
/// The singular values of a full fine-tuning update ΔW = W_tuned − W₀ of one Linear layer (1-based
/// <see cref="Layer"/>), and the share of ‖ΔW‖_F² in its top r singular values for each adapter rank r — how much of
/// the update a rank-r adapter could represent at best (Eckart–Young), the question of Hu et al. 2021, §7.
/// </summary>
public sealed record UpdateSpectrum(int Layer, LayerSpectrum Spectrum, IReadOnlyList<int> Ranks, IReadOnlyList<double> Energy);
