namespace LowRank.Neural.Approximation;

/// <summary>The checked options and the training defaults that <see cref="BottleneckApproximator"/> uses when they are not given.</summary>
internal sealed record BottleneckPlan(int Epochs, int BatchSize, double LearningRate)
{
    public static BottleneckPlan From(int m, int n, BottleneckOptions options)
    {
        int k = options.Rank;
        if (m < 1 || n < 1) throw new InvalidInputException($"the matrix is {m}×{n}; it needs at least one row and one column");
        if (k < 1 || k > Math.Min(m, n)) throw new InvalidInputException($"rank must be in 1..{Math.Min(m, n)} for a {m}×{n} matrix, not {k}");
        if (options.Objective == TrainingObjective.Samples && options.Samples < 1)
            throw new InvalidInputException($"samples must be positive, not {options.Samples}");
        if (options.Epochs is < 1) throw new InvalidInputException($"epochs must be positive, not {options.Epochs}");
        if (options.BatchSize is < 1) throw new InvalidInputException($"batch size must be positive, not {options.BatchSize}");
        if (options.LearningRate is double lr && !(lr > 0 && double.IsFinite(lr)))
            throw new InvalidInputException($"learning rate must be positive, not {lr}");
        if (options.StopAtRatio is double r && !(r >= 1)) throw new InvalidInputException($"stop ratio must be ≥ 1, not {r}");
        bool frobenius = options.Objective == TrainingObjective.Frobenius;
        int rows = frobenius ? n : options.Samples;
        int batch = options.BatchSize ?? (frobenius ? n : 256);
        int epochs = options.Epochs ?? (frobenius ? 3000 : 150);
        double rate = options.LearningRate ?? (options.Optimizer == "sgd" ? 0.05 : 0.01);
        return new BottleneckPlan(epochs, Math.Min(batch, rows), rate);
    }

    public int StepsPerEpoch(int rows) => (rows + BatchSize - 1) / BatchSize;
}
