namespace LowRank.Statistics;

/// <summary>
/// The mean and (population) variance of a stream of values by Welford's update (Welford, Technometrics 4(3), 1962;
/// Knuth, TAOCP vol. 2, §4.2.2): x̄_n = x̄_(n−1) + (x_n − x̄_(n−1))/n and M_n = M_(n−1) + (x_n − x̄_(n−1))(x_n − x̄_n),
/// variance M_n/n. Unlike E[x²] − E[x]², which loses every digit when the spread is small beside the mean (values
/// 10⁹ + noise of 1 give 0 or a negative number), the update keeps the variance to a few ulps of the data.
/// The one place the library computes a mean and a standard deviation.
/// </summary>
public struct RunningMoments
{
    private double m2;

    /// <summary>How many values were added.</summary>
    public long Count { get; private set; }

    /// <summary>The mean of the values added (0 before the first).</summary>
    public double Mean { get; private set; }

    /// <summary>Σ(x − x̄)²/n, the population variance (0 for fewer than two values).</summary>
    public readonly double Variance => Count == 0 ? 0 : m2 / Count;

    /// <summary>√<see cref="Variance"/>.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Adds one value.</summary>
    public void Add(double x)
    {
        Count++;
        double delta = x - Mean;
        Mean += delta / Count;
        m2 += delta * (x - Mean);
    }

    /// <summary>The moments of <paramref name="values"/>.</summary>
    public static RunningMoments Of(ReadOnlySpan<double> values)
    {
        var moments = new RunningMoments();
        foreach (double x in values) moments.Add(x);
        return moments;
    }
}
