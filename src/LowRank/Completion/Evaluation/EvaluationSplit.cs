namespace LowRank.Completion.Evaluation;

/// <summary>
/// One training part and its test part, in one index space; <paramref name="TrainTimestamps"/> (one per training entry,
/// or null) let tuning carve a temporal validation split from the training part.
/// </summary>
public sealed record EvaluationSplit(RatingSet Train, RatingSet Test, long[]? TrainTimestamps);
