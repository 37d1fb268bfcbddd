namespace LowRank.Decompositions;

/// <summary>How singular values and vectors are computed.</summary>
public enum SvdMethod
{
    /// <summary>Chosen by shape, storage density and k (see <see cref="SvdSolver.ResolveFor"/>).</summary>
    Auto,

    /// <summary>LAPACK divide and conquer (dgesdd) on the whole matrix.</summary>
    Exact,

    /// <summary>Halko, Martinsson &amp; Tropp (2011), Algorithms 4.4 + 5.1.</summary>
    Randomized,

    /// <summary>Baglama &amp; Reichel (2005), augmented implicitly restarted Lanczos bidiagonalisation (irlba).</summary>
    Lanczos,
}
