using LowRank.Completion;

namespace LowRank.IO;

/// <summary>A ratings file: the ratings over dense indices, and the maps back to the file's user and item ids.</summary>
public sealed record RatingsData(RatingSet Ratings, IdMap Users, IdMap Items);
