using LowRank.SingularValueLearning;

namespace LowRank.Cli.Commands;

/// <summary>
/// A loaded SV-Learn data set with its two splits: the paper's protocol and a leakage-free one (the same split when the
/// matrices are separate images, which share nothing), a one-line description of where it came from, and the stride of
/// the windows its matrices were cut at (null: they are whole matrices; their shape is the window either way).
/// <see cref="CacheSkipped"/> says, in one line, why freshly computed labels could not be cached (null when they were,
/// or came from the cache).
/// </summary>
internal sealed record SvLearnSource(SvDataset Dataset, DatasetSplit PaperSplit, DatasetSplit LeakageFreeSplit, string Description,
    double LabelSeconds, bool LabelsCached, int? Stride, string? CacheSkipped = null);
