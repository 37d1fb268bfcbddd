using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Shared plumbing for predictors: remembers the training set, clips predictions to its scale, and derives
/// <see cref="PredictAll"/> and <see cref="Recommend"/> from <see cref="PredictRaw"/>. Models that hold the whole
/// matrix (<see cref="DensePredictor"/>) or can fill it faster (the blend, the neighbourhood model) override
/// <see cref="PredictAll"/>. As an <see cref="IItemScorer"/> it scores every item by <see cref="PredictRaw"/>; factor
/// models override <see cref="ScoreItems"/> with μ + b_u + b_i + Q p_u.
/// </summary>
public abstract class RatingPredictor : IRatingPredictor
{
    private RatingSet? _train;

    public abstract string Name { get; }

    /// <summary>The set passed to the last <see cref="Fit"/>.</summary>
    protected RatingSet Train => _train ?? throw new InvalidOperationException($"{Name}: call Fit first");

    public void Fit(RatingSet train, CancellationToken cancellationToken = default)
    {
        _train = train;
        FitCore(train, cancellationToken);
    }

    /// <summary>Learns the model from <paramref name="train"/>.</summary>
    protected abstract void FitCore(RatingSet train, CancellationToken cancellationToken);

    /// <summary>The model's unclipped estimate.</summary>
    protected abstract double PredictRaw(int user, int item);

    public double Predict(int user, int item) => Train.Scale.Clip(PredictRaw(user, item));

    public int UserCount => Train.UserCount;

    public int ItemCount => Train.ItemCount;

    /// <summary>The unclipped estimate of every item for <paramref name="user"/>.</summary>
    public virtual void ScoreItems(int user, Span<double> scores)
    {
        for (int item = 0; item < scores.Length; item++) scores[item] = PredictRaw(user, item);
    }

    public virtual Matrix PredictAll()
    {
        var m = new Matrix(Train.UserCount, Train.ItemCount);
        for (int j = 0; j < m.Cols; j++)
            for (int i = 0; i < m.Rows; i++)
                m[i, j] = Predict(i, j);
        return m;
    }

    /// <summary>
    /// The user's best unrated items, ranked by the unclipped estimate (<see cref="ScoreItems"/>), so that items
    /// predicted above the top of the scale are still told apart rather than tied at it; each score shown is clipped
    /// to the scale, as <see cref="Predict"/> gives it.
    /// </summary>
    public IReadOnlyList<ScoredItem> Recommend(int user, int count)
    {
        var train = Train;
        var rated = new HashSet<int>();
        foreach (int e in train.EntriesOfUser(user)) rated.Add(train.Items[e]);
        var raw = new double[train.ItemCount];
        ScoreItems(user, raw);
        var unrated = new List<int>(train.ItemCount - rated.Count);
        for (int item = 0; item < train.ItemCount; item++)
            if (!rated.Contains(item)) unrated.Add(item);
        // Highest score first; ties by item index so the order is deterministic.
        unrated.Sort((x, y) => raw[x] != raw[y] ? raw[y].CompareTo(raw[x]) : x.CompareTo(y));
        return unrated.Take(count).Select(item => new ScoredItem(item, train.Scale.Clip(raw[item]))).ToList();
    }
}
