using LowRank.Linalg;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Experiments;

/// <summary>The parts of the SV-Learn experiment after training: reconstructions (Figs. 5–6) and throughput.</summary>
internal sealed record SvLearnStudy(ReconstructionStudy Reconstructions, int ThroughputMatrices, double ImprovedPerSecond,
    double PaperPerSecond, double SvdPerSecond)
{
    /// <summary>Ranks of the paper's Fig. 5 (32 is capped at min(m, n)).</summary>
    public static readonly int[] Ranks = [1, 2, 5, 32];

    public static SvLearnStudy Run(Commands.SvLearnSource source, SvSplitResult run, bool quick, int seed, ILinalgBackend backend)
    {
        var data = source.Dataset;
        int p = data.Outputs, samples = Math.Min(run.Split.Test.Length, quick ? 10 : 200);
        var indices = run.Split.Test[..samples];
        var improved = run.ImprovedEvaluation.Predicted.AsSpan(0, samples * p).ToArray();
        var paper = run.PaperEvaluation.Predicted.AsSpan(0, samples * p).ToArray();
        var study = ReconstructionStudy.Run(data, indices, [("improved", improved), ("paper model", paper)],
            [.. Ranks.Select(k => Math.Min(k, p))], seed, backend);
        var test = data.Matrices.Select(run.Split.Test[..Math.Min(run.Split.Test.Length, quick ? 500 : 18_505)]);
        int repeats = quick ? 1 : 3;
        return new SvLearnStudy(study, test.Count, Throughput.ModelPerSecond(run.Improved.Model, test, repeats),
            Throughput.ModelPerSecond(run.Paper.Model, test, repeats), Throughput.SvdPerSecond(test, backend, repeats));
    }
}
