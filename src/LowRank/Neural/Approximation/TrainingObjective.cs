namespace LowRank.Neural.Approximation;

/// <summary>What the bottleneck network is trained on.</summary>
public enum TrainingObjective
{
    /// <summary>The study's protocol: seeded inputs x ~ N(0, I), targets A·x, mean squared error.</summary>
    Samples,

    /// <summary>
    /// The identity basis as inputs and the columns of A as targets (both scaled by √n, so that the inputs' second
    /// moment is I as for the samples): the exact objective ‖W − A‖_F²/m, the expectation of the sampled loss.
    /// </summary>
    Frobenius,
}
