namespace LowRank.Completion.Saved;

/// <summary>
/// A user who was not part of the training set, folded into a saved model (<see cref="SavedRecommender.FoldIn"/>):
/// their bias and factors solved against the model's fixed item parameters, and the items they rated (excluded from
/// their recommendations).
/// </summary>
/// <param name="Bias">b_u (0 for a model without biases).</param>
/// <param name="Factors">p_u, k numbers.</param>
/// <param name="RatedItems">The item indices the user rated, ascending.</param>
public sealed record FoldedUser(double Bias, double[] Factors, int[] RatedItems);
