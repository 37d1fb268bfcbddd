namespace LowRank.Decompositions;

/// <summary>The arithmetic of the randomized SVD's products with a float64 matrix (<see cref="RandomizedSvdOptions.Precision"/>).</summary>
public enum SketchPrecision
{
    /// <summary>Every product in the data's own precision: float64 (dgemm) for float64 data (float32 data is multiplied in float32 either way).</summary>
    Double,

    /// <summary>
    /// The range finder's power-iteration passes in float32 (sgemm on the matrix rounded a chunk at a time), the last
    /// product B = QᵀA and the factorisation of B in float64 (<see cref="RandomizedSvd.MixedRangeFinder"/>).
    /// </summary>
    Mixed,
}
