namespace LowRank.Completion.Evaluation;

/// <summary>Rating-prediction errors over (actual, predicted) pairs, as Surprise's <c>accuracy</c> module defines them.</summary>
public static class AccuracyMetrics
{
    /// <summary>√(mean (r − r̂)²).</summary>
    public static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (int t = 0; t < actual.Length; t++) sum += (actual[t] - predicted[t]) * (actual[t] - predicted[t]);
        return Math.Sqrt(sum / actual.Length);
    }

    /// <summary>mean |r − r̂|.</summary>
    public static double Mae(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (int t = 0; t < actual.Length; t++) sum += Math.Abs(actual[t] - predicted[t]);
        return sum / actual.Length;
    }

    private static void Check(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length != predicted.Length) throw new ArgumentException($"{actual.Length} actual values, {predicted.Length} predictions");
        if (actual.Length == 0) throw new ArgumentException("no ratings to compare");
    }
}
