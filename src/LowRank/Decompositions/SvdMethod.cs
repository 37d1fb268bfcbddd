namespace LowRank.Decompositions;

/// <summary>How singular values and vectors are computed.</summary>
public enum SvdMethod
{
    /// <summary><see cref="Randomized"/> when k ≤ min(m, n)/10 and min(m, n) ≥ 500, else <see cref="Exact"/> (see <see cref="SvdSolver.Resolve"/>).</summary>
    Auto,

    /// <summary>LAPACK divide and conquer (dgesdd) on the whole matrix.</summary>
    Exact,

    /// <summary>Halko, Martinsson &amp; Tropp (2011), Algorithms 4.4 + 5.1.</summary>
    Randomized,
}
