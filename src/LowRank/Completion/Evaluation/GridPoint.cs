namespace LowRank.Completion.Evaluation;

/// <summary>One setting of a tuning grid: its label (e.g. "rank 10, λ 1.2") and the options it builds the method from.</summary>
public sealed record GridPoint(string Label, CompletionOptions Options);
