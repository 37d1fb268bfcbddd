namespace LowRank.Cli.Demo;

/// <summary>The neural section's entry in results.json: the random matrix and the photograph.</summary>
internal sealed record NeuralDemoResult(BottleneckSummary Matrix, BottleneckSummary Image);
