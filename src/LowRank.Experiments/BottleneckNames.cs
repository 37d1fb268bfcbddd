using LowRank.Neural.Approximation;

namespace LowRank.Experiments;

/// <summary>The study's names of the network designs and objectives, as the command line and reports spell them.</summary>
public static class BottleneckNames
{
    /// <summary>Every design name, in enum order: n-n-k-n, n-k-n, funnel.</summary>
    public static IReadOnlyList<string> Designs { get; } = Enum.GetValues<BottleneckDesign>().Select(Of).ToArray();

    /// <summary>Every objective name: samples, frobenius.</summary>
    public static IReadOnlyList<string> Objectives { get; } = Enum.GetValues<TrainingObjective>().Select(Of).ToArray();

    public static string Of(BottleneckDesign design) => design switch
    {
        BottleneckDesign.NnKn => "n-n-k-n",
        BottleneckDesign.NKn => "n-k-n",
        BottleneckDesign.Funnel => "funnel",
        _ => throw new ArgumentOutOfRangeException(nameof(design), design, "unknown design"),
    };

    public static string Of(TrainingObjective objective) => objective.ToString().ToLowerInvariant();

    public static BottleneckDesign ParseDesign(string name) => Parse<BottleneckDesign>(name, "design", Of);

    public static TrainingObjective ParseObjective(string name) => Parse<TrainingObjective>(name, "objective", Of);

    private static T Parse<T>(string name, string what, Func<T, string> nameOf) where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(value), name, StringComparison.OrdinalIgnoreCase)) return value;
        }
        throw new InvalidInputException($"{what} must be one of {string.Join(", ", Enum.GetValues<T>().Select(nameOf))}, not '{name}'");
    }
}
