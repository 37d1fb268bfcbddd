namespace LowRank.Neural.Approximation;

/// <summary>The layer widths of a bias-free linear network from n inputs to m outputs whose narrowest layer has k neurons.</summary>
public enum BottleneckDesign
{
    /// <summary>n → n → k → m: the study's network (Bleckel), a full-width hidden layer before the choke point.</summary>
    NnKn,

    /// <summary>n → k → m: the shallowest network with a choke point (the linear autoencoder of Baldi &amp; Hornik 1989).</summary>
    NKn,

    /// <summary>n → 2^⌊log₂(n−1)⌋ → … → k → … → m: widths halving down to k and doubling back up, the study's alternative design.</summary>
    Funnel,
}
