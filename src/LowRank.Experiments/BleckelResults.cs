namespace LowRank.Experiments;

/// <summary>Everything <see cref="BleckelExperiment.Run"/> computed; rendering is the caller's.</summary>
public sealed record BleckelResults
{
    /// <summary>Identity, diagonals, photo, logo and colour image.</summary>
    public required IReadOnlyList<BleckelCaseResult> Cases { get; init; }

    /// <summary>Random Gaussian 10×10 matrices, k = 1..9.</summary>
    public required IReadOnlyList<BleckelRankSummary> Gaussian { get; init; }

    /// <summary>Random symmetric 10×10 matrices, k = 1..9.</summary>
    public required IReadOnlyList<BleckelRankSummary> Symmetric { get; init; }

    /// <summary>n-n-k-n against funnel against n-k-n.</summary>
    public required IReadOnlyList<BleckelCaseResult> Designs { get; init; }

    /// <summary>Sampled inputs against the exact Frobenius objective.</summary>
    public required IReadOnlyList<BleckelCaseResult> Objectives { get; init; }

    public required IReadOnlyList<BleckelTarget> Targets { get; init; }

    /// <summary>Seconds of computation (training and SVDs).</summary>
    public required double Seconds { get; init; }
}
