using LowRank.Linalg;

namespace LowRank.Experiments;

/// <summary>
/// What <see cref="BleckelExperiment.Run"/> needs: the images as matrices (the caller loads and resizes them; the core
/// reads no files) and the size of the run.
/// </summary>
public sealed record BleckelSettings
{
    /// <summary>Grey photograph, 400×400 in the study.</summary>
    public required Matrix Photo { get; init; }

    /// <summary>Grey logo, 256×256 in the study.</summary>
    public required Matrix Logo { get; init; }

    /// <summary>Colour image, one matrix per channel, 10×10 in the study.</summary>
    public required IReadOnlyList<Matrix> Colour { get; init; }

    /// <summary>Random matrices per rank k = 1..9 (the study: 10).</summary>
    public int MatricesPerRank { get; init; } = 10;

    /// <summary>Seed of the random matrices and of the networks.</summary>
    public int Seed { get; init; }

    /// <summary>Epochs per network; null: the approximator's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>Training samples per network when the objective is <c>Samples</c>.</summary>
    public int Samples { get; init; } = 10_000;
}
