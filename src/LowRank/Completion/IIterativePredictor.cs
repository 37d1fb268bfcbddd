namespace LowRank.Completion;

/// <summary>A predictor that iterates to convergence and reports how its last <see cref="IRatingPredictor.Fit"/> ended.</summary>
public interface IIterativePredictor : IRatingPredictor
{
    /// <summary>The last fit's trace (null before the first fit).</summary>
    IterationTrace? Trace { get; }
}
