using LowRank.Completion;

namespace LowRank.IO;

/// <summary>
/// A training file and a test file read over one index space (<see cref="RatingsFile.ReadWithTest"/>).
/// <paramref name="ColdStart"/>: test ratings whose user or item has no training rating (predicted by the baseline).
/// </summary>
public sealed record RatingsTestData(RatingsData Train, RatingSet Test, int ColdStart);
