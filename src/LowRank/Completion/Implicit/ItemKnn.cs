using System.Collections.Concurrent;

namespace LowRank.Completion.Implicit;

/// <summary>
/// Item-based top-N recommendation (M. Deshpande, G. Karypis, "Item-based top-N recommendation algorithms", ACM TOIS
/// 22(1), 2004, §4.1–4.2; B. Sarwar et al., WWW 2001) on the binary interaction matrix, as a floor for the factor
/// models: the cosine similarity of items i and j is |U_i ∩ U_j| / √(|U_i|·|U_j|) over the sets of users who
/// interacted with them; each item keeps its K most similar others (ties to the lower index), and item j's score for
/// user u is Σ over the user's items i that have j among their K neighbours of sim(i, j). Strengths are ignored.
/// </summary>
public sealed class ItemKnn(ItemKnnOptions options) : IImplicitRecommender
{
    private int[] _start = [];
    private int[] _neighbour = [];
    private double[] _similarity = [];
    private Interactions? _train;

    public string Name => "item-knn";

    public ItemKnnOptions Options { get; } = options;

    public int UserCount => _train?.UserCount ?? 0;

    public int ItemCount => _train?.ItemCount ?? 0;

    /// <summary>Item i's kept neighbours, most similar first.</summary>
    public ReadOnlySpan<int> NeighboursOf(int item) => _neighbour.AsSpan(_start[item], _start[item + 1] - _start[item]);

    /// <summary>The cosine similarities of <see cref="NeighboursOf"/>, in the same order.</summary>
    public ReadOnlySpan<double> SimilaritiesOf(int item) => _similarity.AsSpan(_start[item], _start[item + 1] - _start[item]);

    public void Fit(Interactions train, CancellationToken cancellationToken = default)
    {
        if (Options.Neighbours < 1) throw new InvalidInputException($"item-knn: the number of neighbours must be at least 1, not {Options.Neighbours}");
        if (Options.Threads is < 1) throw new InvalidInputException($"item-knn: threads must be at least 1, not {Options.Threads}");
        int items = train.ItemCount, kept = Options.Neighbours;
        var lists = new (int Item, double Similarity)[items][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads ?? -1, CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, items, 64), parallel, () => (Counts: new int[items], Touched: new List<int>()), (range, _, w) =>
        {
            for (int i = range.Item1; i < range.Item2; i++) lists[i] = Neighbours(train, i, kept, w.Counts, w.Touched);
            return w;
        }, _ => { });
        _start = new int[items + 1];
        for (int i = 0; i < items; i++) _start[i + 1] = _start[i] + lists[i].Length;
        _neighbour = new int[_start[items]];
        _similarity = new double[_start[items]];
        for (int i = 0; i < items; i++)
            for (int t = 0; t < lists[i].Length; t++)
            {
                _neighbour[_start[i] + t] = lists[i][t].Item;
                _similarity[_start[i] + t] = lists[i][t].Similarity;
            }
        _train = train;
    }

    public void ScoreItems(int user, Span<double> scores)
    {
        if (scores.Length != ItemCount) throw new ArgumentException($"scores must have length {ItemCount}");
        scores.Clear();
        foreach (int i in _train!.ItemsOf(user))
        {
            var neighbours = NeighboursOf(i);
            var similarities = SimilaritiesOf(i);
            for (int t = 0; t < neighbours.Length; t++) scores[neighbours[t]] += similarities[t];
        }
    }

    /// <summary>Co-occurrence counts of item i with every other item (over the users of i), as cosines, best K.</summary>
    private static (int Item, double Similarity)[] Neighbours(Interactions train, int i, int kept, int[] counts, List<int> touched)
    {
        touched.Clear();
        foreach (int u in train.UsersOf(i))
            foreach (int j in train.ItemsOf(u))
            {
                if (j == i) continue;
                if (counts[j]++ == 0) touched.Add(j);
            }
        double ni = train.UsersOf(i).Length;
        var candidates = new (int Item, double Similarity)[touched.Count];
        for (int t = 0; t < touched.Count; t++)
        {
            int j = touched[t];
            candidates[t] = (j, counts[j] / Math.Sqrt(ni * train.UsersOf(j).Length));
            counts[j] = 0;
        }
        Array.Sort(candidates, (a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Item.CompareTo(b.Item));
        return candidates.Length > kept ? candidates[..kept] : candidates;
    }
}
