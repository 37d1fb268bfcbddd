namespace LowRank.Cli.Demo;

/// <summary>The truncated-SVD section's entry in results.json: the lecture's matrix and the photograph.</summary>
internal sealed record ApproximationDemoResult(LectureApproximationResult Lecture, ImageApproximationResult Image);
