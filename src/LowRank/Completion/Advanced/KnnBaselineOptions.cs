namespace LowRank.Completion.Advanced;

/// <summary>
/// Parameters of <see cref="KnnBaseline"/>: Surprise's KNNBaseline with <c>sim_options = {name: pearson_baseline,
/// user_based: False, shrinkage: 100}</c>, k = 40, min_k = 1, and its default ALS baselines.
/// </summary>
/// <param name="Neighbors">k: at most this many most similar items the user rated are used.</param>
/// <param name="MinNeighbors">With fewer positively similar neighbours the prediction is the baseline alone.</param>
/// <param name="Shrinkage">λ₂ of the shrunk correlation s_ij = (n_ij − 1)/(n_ij − 1 + λ₂)·ρ_ij (Koren 2010, §2.2; Surprise's form).</param>
/// <param name="ItemRegularization">λ_i of the baseline item biases.</param>
/// <param name="UserRegularization">λ_u of the baseline user biases.</param>
/// <param name="BaselineSweeps">Alternating sweeps of the baseline fit.</param>
/// <param name="UserBased">Similarities between users instead of items.</param>
public sealed record KnnBaselineOptions(
    int Neighbors = 40,
    int MinNeighbors = 1,
    double Shrinkage = 100,
    double ItemRegularization = 10,
    double UserRegularization = 15,
    int BaselineSweeps = 10,
    bool UserBased = false);
