using LowRank.Completion;

namespace LowRank.IO;

/// <summary>
/// A ratings file: the ratings over dense indices, and the maps back to the file's user and item ids.
/// <paramref name="Timestamps"/>: the 4th column of every line (MovieLens: seconds since 1970), entry by entry as
/// <see cref="RatingSet.Values"/>; null when some line has none or a non-integer one.
/// </summary>
public sealed record RatingsData(RatingSet Ratings, IdMap Users, IdMap Items, long[]? Timestamps = null);
