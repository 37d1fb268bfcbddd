namespace LowRank.Completion.Saved;

/// <summary>
/// Partial selection of the N best-scored items: one pass over the scores with a bounded binary heap whose root is
/// the worst item kept, O(n log N) instead of sorting all n. Order: higher score first, ties by lower item index
/// (the order of <see cref="RatingPredictor.Recommend"/>), so that the result does not depend on the pass.
/// </summary>
internal static class TopN
{
    /// <summary>
    /// The <paramref name="count"/> best items of <paramref name="scores"/>, best first, skipping the items in
    /// <paramref name="excluded"/> (ascending), the items whose <paramref name="eligible"/> entry is false (when it is
    /// not empty) and NaN scores.
    /// </summary>
    public static ScoredItem[] Select(ReadOnlySpan<double> scores, ReadOnlySpan<int> excluded, ReadOnlySpan<bool> eligible, int count)
    {
        var heap = new ScoredItem[Math.Max(0, Math.Min(count, scores.Length))];
        int size = 0, next = 0;
        for (int item = 0; item < scores.Length; item++)
        {
            while (next < excluded.Length && excluded[next] < item) next++;
            if (next < excluded.Length && excluded[next] == item) continue;
            if (!eligible.IsEmpty && !eligible[item]) continue;
            double score = scores[item];
            if (double.IsNaN(score)) continue;
            var candidate = new ScoredItem(item, score);
            if (size < heap.Length)
            {
                heap[size] = candidate;
                SiftUp(heap, size++);
            }
            else if (size > 0 && Worse(heap[0], candidate))
            {
                heap[0] = candidate;
                SiftDown(heap, size);
            }
        }
        var best = heap.AsSpan(0, size).ToArray();
        Array.Sort(best, (x, y) => Worse(x, y) ? 1 : Worse(y, x) ? -1 : 0);
        return best;
    }

    /// <summary>Whether <paramref name="a"/> ranks below <paramref name="b"/>.</summary>
    private static bool Worse(ScoredItem a, ScoredItem b) => a.Score < b.Score || (a.Score == b.Score && a.Item > b.Item);

    private static void SiftUp(ScoredItem[] heap, int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Worse(heap[i], heap[parent])) return;
            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    private static void SiftDown(ScoredItem[] heap, int size)
    {
        int i = 0;
        while (true)
        {
            int worst = i, left = 2 * i + 1, right = left + 1;
            if (left < size && Worse(heap[left], heap[worst])) worst = left;
            if (right < size && Worse(heap[right], heap[worst])) worst = right;
            if (worst == i) return;
            (heap[i], heap[worst]) = (heap[worst], heap[i]);
            i = worst;
        }
    }
}
