namespace LowRank.Neural;

/// <summary>How <see cref="Linear{T}"/> draws its initial weights; see <see cref="Init"/> for the formulas.</summary>
public enum Initializer
{
    /// <summary>
    /// N(0, 2/fan_in) (He et al. 2015; PyTorch <c>kaiming_normal_</c>). Keras' <c>he_normal</c> has the same variance
    /// but draws from a truncated normal.
    /// </summary>
    HeNormal,

    /// <summary>U(−√(6/(fan_in+fan_out)), +√(…)) (Glorot &amp; Bengio 2010, Keras <c>glorot_uniform</c>).</summary>
    GlorotUniform,

    /// <summary>A (semi-)orthogonal matrix from the QR factorisation of a Gaussian one (Saxe et al. 2014).</summary>
    Orthogonal,
}
