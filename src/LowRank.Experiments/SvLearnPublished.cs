namespace LowRank.Experiments;

/// <summary>
/// Table I of SV-Learn (Xu, Shiao, Chen, Papalexakis): the published test NMSE (as fractions) and MAE, mean ± std, and
/// the split sizes. CIFAR-10 (grey, 50,000 + 10,000 images) is not available here; Fashion-MNIST stands in for it in
/// the experiments, but its figures are not CIFAR-10's and are never shown beside them.
/// </summary>
public sealed record SvLearnPublished(string Dataset, double NmseMean, double NmseStd, double MaeMean, double MaeStd, int Train, int Test)
{
    public static readonly SvLearnPublished Spambase = new("Spambase", 0.0404, 0.0289, 1.00, 2.14, 104_858, 18_505);

    public static readonly SvLearnPublished Cifar10 = new("CIFAR-10 (grey)", 0.0159, 0.0089, 43.36, 11.95, 50_000, 10_000);

    /// <summary>
    /// The published row for the same data set and split (Spambase, random 85/15 of the windows, for "spambase"), or
    /// null: a figure measured on other data (Fashion-MNIST, a user's file) is not comparable with Table I.
    /// </summary>
    public static SvLearnPublished? For(string dataset) => dataset == "spambase" ? Spambase : null;
}
