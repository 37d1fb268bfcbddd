namespace LowRank.Completion.Evaluation;

/// <summary>How the ratings are divided into training and test parts (<see cref="EvaluationProtocol"/>).</summary>
public enum SplitKind
{
    /// <summary>Shuffled k-fold cross-validation (<see cref="KFold"/>): each rating is tested once.</summary>
    KFold,

    /// <summary>One random hold-out (<see cref="HoldOut.Random"/>).</summary>
    Random,

    /// <summary>One temporal hold-out: the latest ratings are tested (<see cref="HoldOut.Temporal"/>).</summary>
    Temporal,

    /// <summary>A test set given by the caller (a test file).</summary>
    Given,
}
