namespace LowRank.Linalg.Blocked;

/// <summary>The precision a dense matrix is stored and multiplied in: float64 (dgemm) or float32 (sgemm).</summary>
public enum BlockElementType
{
    Float64,
    Float32,
}
