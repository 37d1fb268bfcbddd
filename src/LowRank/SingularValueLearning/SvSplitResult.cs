namespace LowRank.SingularValueLearning;

/// <summary>Both networks trained on one split's training matrices and judged on its test matrices.</summary>
public sealed record SvSplitResult(DatasetSplit Split, SvTrainingResult Paper, SvEvaluation PaperEvaluation,
    SvTrainingResult Improved, SvEvaluation ImprovedEvaluation)
{
    /// <summary>Trains and evaluates the paper's and the improved model on <paramref name="split"/>.</summary>
    public static SvSplitResult Run(SvDataset data, DatasetSplit split, SvLearnOptions paper, SvLearnOptions improved,
        Action<string>? status = null, Linalg.ILinalgBackend? backend = null, CancellationToken cancellationToken = default)
    {
        var paperRun = SvLearnTrainer.Train(data, split.Train, paper with { Kind = SvModelKind.Paper },
            e => status?.Invoke($"{split.Name} split, paper model: epoch {e.Epoch}"), backend, cancellationToken);
        var improvedRun = SvLearnTrainer.Train(data, split.Train, improved with { Kind = SvModelKind.Improved },
            e => status?.Invoke($"{split.Name} split, improved model: epoch {e.Epoch}"), backend, cancellationToken);
        return new SvSplitResult(split, paperRun, SvEvaluation.Run(paperRun.Model, data, split),
            improvedRun, SvEvaluation.Run(improvedRun.Model, data, split));
    }
}
