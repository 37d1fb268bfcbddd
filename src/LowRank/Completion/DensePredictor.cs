using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// A predictor whose model is one dense users × items matrix (the SVD-based methods, and the Gibbs-averaged
/// prediction of <see cref="Advanced.BayesianPmf"/>): a prediction is an entry, clipped to the scale.
/// </summary>
public abstract class DensePredictor : RatingPredictor
{
    private Matrix? _estimate;

    /// <summary>The fitted users × items estimate, unclipped.</summary>
    protected Matrix Estimate
    {
        get => _estimate ?? throw new InvalidOperationException($"{Name}: call Fit first");
        set => _estimate = value;
    }

    protected override double PredictRaw(int user, int item) => Estimate[user, item];

    public override Matrix PredictAll()
    {
        var m = Estimate.Clone();
        var scale = Train.Scale;
        foreach (ref double x in m.Data.AsSpan()) x = scale.Clip(x);
        return m;
    }
}
