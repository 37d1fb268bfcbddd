namespace LowRank.Completion.Implicit;

/// <summary>How <see cref="ImplicitAls"/> solves each user's and item's k×k normal equations.</summary>
public enum ImplicitSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the previous factor (Takács, Pilászy &amp; Tikk 2011): O(k² + n·k) per user.</summary>
    ConjugateGradient,

    /// <summary>The exact solve by Cholesky factorisation of the assembled matrix (Hu et al. 2008, eq. 4): O(n·k² + k³) per user.</summary>
    Cholesky,
}
