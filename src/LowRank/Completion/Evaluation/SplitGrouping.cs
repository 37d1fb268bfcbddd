namespace LowRank.Completion.Evaluation;

/// <summary>Whether a hold-out is drawn within each user's ratings or over all ratings at once.</summary>
public enum SplitGrouping
{
    /// <summary>
    /// Each user keeps the first (1 − f) of their ratings (in random or time order) for training and gives the rest to
    /// the test part, keeping at least one training rating: every user with two or more ratings is both trained and
    /// tested on, the setting of top-N evaluation (RecBole's per-user ordering, Rendle et al. 2009 §6.2).
    /// </summary>
    PerUser,

    /// <summary>
    /// A fraction f of all ratings (at random, or the latest f by time: the "train on the past, test on the future"
    /// split of the Netflix Prize probe) regardless of whose they are; some users may then be cold-start.
    /// </summary>
    Global,
}
