using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// A truncated SVD A ≈ U·diag(S)·Vᵀ of an m×n matrix whose rows are spread over processes: the singular values and Vᵀ
/// (k×n) are the same on every process; U is held by rows — this process's <see cref="LocalU"/> is rows
/// <see cref="Block"/> of the m×k U (null when vectors were not asked for), so that U is never gathered in one place.
/// The exact SVD (<see cref="ScaLapack.ScaLapackSvd"/>) holds Vᵀ on rank 0 only: a k×0 matrix on the other processes.
/// </summary>
public sealed record DistributedSvd(int Rows, int Cols, double[] S, Matrix VT, Matrix? LocalU, RowBlock Block)
{
    /// <summary>Products with A or Aᵀ, counted in vectors (as the single-process result counts them).</summary>
    public long OperatorProducts { get; init; }

    /// <summary>Power iterations q of the range finder, or the restarts of a Lanczos run.</summary>
    public int Iterations { get; init; }

    /// <summary>The explicit residuals √(‖Av − σu‖² + ‖Aᵀu − σv‖²) of the triplets, when the method computes them (Lanczos).</summary>
    public double[]? Residuals { get; init; }

    /// <summary>Whether an iterative method met its tolerance (null for the randomized method, which has none).</summary>
    public bool? Converged { get; init; }

    /// <summary>The arithmetic of the randomized method's products (<see cref="SingularValueDecomposition.Precision"/>).</summary>
    public SketchPrecision Precision { get; init; } = SketchPrecision.Double;

    /// <summary>Why mixed precision was asked for but did not run, and what ran instead; null otherwise.</summary>
    public string? PrecisionNote { get; init; }
}
