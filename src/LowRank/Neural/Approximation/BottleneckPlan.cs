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
        if (options.Optimizer is not ("adam" or "sgd")) throw new InvalidInputException($"optimizer must be adam or sgd, not '{options.Optimizer}'");
        bool frobenius = options.Objective == TrainingObjective.Frobenius;
        int rows = frobenius ? n : options.Samples;
        int batch = options.BatchSize ?? (frobenius ? n : 128);
        int width = Math.Max(m, n);
        // Measured on the targets: 10×10 Gaussian and symmetric matrices need about 15,000 mini-batch steps
        // (200 epochs of 10,000 samples in batches of 128) or 2,000 exact full-batch steps; photos of 256² and 400²
        // reach the SVD in under 1,000 exact steps. Wider matrices get fewer epochs, keeping the work bounded.
        int epochs = options.Epochs ?? (frobenius ? (width <= 128 ? 2000 : 1000) : (width <= 64 ? 200 : Math.Max(30, 12_800 / width)));
        double rate = options.LearningRate ?? (options.Optimizer == "sgd" ? 0.05 : 0.03);
        int evaluations = width <= 128 ? 100 : 25;
        return new BottleneckPlan(epochs, Math.Min(batch, rows), rate) { EvaluateEvery = Math.Max(1, (epochs + evaluations - 1) / evaluations) };
    }

    /// <summary>
    /// Epochs between two measurements of the network's errors (an SVD each): about 100 per run, 25 for matrices
    /// wider than 128, where one measurement costs as much as a few training steps.
    /// </summary>
    public int EvaluateEvery { get; init; } = 1;

    public int StepsPerEpoch(int rows) => (rows + BatchSize - 1) / BatchSize;
}
