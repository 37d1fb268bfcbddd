namespace LowRank.Experiments;

/// <summary>One named case of the study: what was fitted, our run, and the published errors when the study gives them.</summary>
public sealed record BleckelCaseResult(string Key, string Title, BottleneckRun Run, double? PublishedSvd = null, double? PublishedNetwork = null);
