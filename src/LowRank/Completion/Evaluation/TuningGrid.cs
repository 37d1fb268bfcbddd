using System.Globalization;

namespace LowRank.Completion.Evaluation;

/// <summary>
/// The small grid <c>--tune</c> searches per method, written once here. Each axis varies one field of
/// <see cref="CompletionOptions"/> and is left out when the caller fixed that field; a method without axes (baseline,
/// knn-baseline, blend, popularity) runs with its defaults. The grids bracket each method's default by about a factor
/// of two either way:
/// mean-svd rank ∈ {2, 5, 10, 20}; hard-impute rank ∈ {2, 3, 5, 8}; soft-impute λ_K/λ_max ∈ {0.1, 0.14, 0.2};
/// als rank ∈ {5, 10, 20} × λ ∈ {0.6, 1.2, 2.4}; sgd reg ∈ {0.02, 0.05, 0.1} × epochs ∈ {20, 40};
/// svdpp λ₇ ∈ {0.05, 0.1, 0.2}; bpmf rank ∈ {5, 10, 20}.
/// </summary>
public static class TuningGrid
{
    private sealed record Axis(string Name, double[] Values, Func<CompletionOptions, bool> Given, Func<CompletionOptions, double, CompletionOptions> Set);

    private static readonly Axis Rank = new("rank", [], o => o.Rank is not null, (o, v) => o with { Rank = (int)v });
    private static readonly Axis Lambda = new("λ", [], o => o.Regularization is not null, (o, v) => o with { Regularization = v });
    private static readonly Axis Epochs = new("epochs", [], o => o.Epochs is not null, (o, v) => o with { Epochs = (int)v });

    private static readonly Dictionary<string, Axis[]> Axes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mean-svd"] = [Rank with { Values = [2, 5, 10, 20] }],
        ["hard-impute"] = [Rank with { Values = [2, 3, 5, 8] }],
        ["soft-impute"] = [Lambda with { Values = [0.1, 0.14, 0.2] }],
        ["als"] = [Rank with { Values = [5, 10, 20] }, Lambda with { Values = [0.6, 1.2, 2.4] }],
        ["sgd"] = [Lambda with { Values = [0.02, 0.05, 0.1] }, Epochs with { Values = [20, 40] }],
        ["svdpp"] = [Lambda with { Values = [0.05, 0.1, 0.2] }],
        ["bpmf"] = [Rank with { Values = [5, 10, 20] }],
    };

    /// <summary>Every setting of the method's grid over <paramref name="given"/> (just <paramref name="given"/> when there is none).</summary>
    public static IReadOnlyList<GridPoint> Points(string method, CompletionOptions given)
    {
        var points = new List<GridPoint> { new("", given) };
        foreach (var axis in Active(method, given))
            points = points.SelectMany(p => axis.Values.Select(v => new GridPoint(
                (p.Label.Length == 0 ? "" : p.Label + ", ") + $"{axis.Name} {v.ToString("G", CultureInfo.InvariantCulture)}", axis.Set(p.Options, v)))).ToList();
        return points.Count == 1 ? [new GridPoint("defaults", given)] : points;
    }

    /// <summary>The grid in words, e.g. "rank ∈ {5, 10, 20} × λ ∈ {0.6, 1.2, 2.4}", or "none (defaults)".</summary>
    public static string Describe(string method, CompletionOptions given)
    {
        var axes = Active(method, given).ToArray();
        return axes.Length == 0 ? "none (defaults)"
            : string.Join(" × ", axes.Select(a => $"{a.Name} ∈ {{{string.Join(", ", a.Values.Select(v => v.ToString("G", CultureInfo.InvariantCulture)))}}}"));
    }

    private static IEnumerable<Axis> Active(string method, CompletionOptions given) =>
        Axes.TryGetValue(method, out var axes) ? axes.Where(a => !a.Given(given)) : [];
}
