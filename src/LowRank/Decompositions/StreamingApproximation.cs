namespace LowRank.Decompositions;

/// <summary>
/// A rank-r approximation from a single-pass sketch (<see cref="StreamingSketch.Approximate"/>): its SVD, and the
/// a-posteriori estimate of its Frobenius error ‖A − Â‖_F from the error sketch (Tropp et al. 2019, §6.1).
/// </summary>
public sealed record StreamingApproximation(SingularValueDecomposition Svd, double EstimatedFrobeniusError, StreamingSketchSize Size);
