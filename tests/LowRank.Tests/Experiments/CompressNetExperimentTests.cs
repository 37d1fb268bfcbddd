using LowRank.Compression.Networks;
using LowRank.Experiments;
using LowRank.Neural;
using Xunit;

namespace LowRank.Tests.Experiments;

public class CompressNetExperimentTests
{
    private static CompressionPoint Point(string rule, long weights, double share, double accuracy, double? tuned) =>
        new(rule, 0, [1], weights, share, (int)weights, accuracy, tuned, tuned is null ? null : 1);

    [Fact]
    public void The_network_at_the_target_is_the_largest_fine_tuned_one_within_the_share_whatever_its_accuracy()
    {
        CompressionPoint[] points =
        [
            Point("budget", 100, 0.10, 0.5, 0.95),  // the best accuracy, but fewer weights
            Point("budget", 240, 0.24, 0.4, 0.60),
            Point("uniform", 260, 0.26, 0.9, 0.99), // over the share
            Point("energy", 250, 0.25, 0.9, null),  // not fine-tuned
            Point("uniform", 240, 0.24, 0.4, 0.70), // the same weights as the second: the first listed wins
        ];
        Assert.Same(points[1], CompressNetExperiment.AtTarget(points, 0.25));
        Assert.Null(CompressNetExperiment.AtTarget(points, 0.05));
    }

    /// <summary>Random 4×4 "images" whose class is the brightest quadrant, so that a small network learns something.</summary>
    private static LabelledImages Images(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new double[count * 16];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            labels[n] = random.Next(4);
            for (int p = 0; p < 16; p++)
            {
                int quadrant = (p / 8) * 2 + (p % 4) / 2;
                pixels[n * 16 + p] = random.Next(100) + (quadrant == labels[n] ? 150 : 0);
            }
        }
        return new LabelledImages(4, 4, pixels, labels);
    }

    [Fact]
    public void The_test_labels_change_the_accuracies_and_nothing_else()
    {
        var train = Images(240, 1);
        var test = Images(80, 2);
        var shuffled = new LabelledImages(4, 4, test.Pixels, [.. test.Labels.Select(l => (l + 1) % 4)]);
        CompressNetResults Run(LabelledImages t) => CompressNetExperiment.Run(new CompressNetSettings
        {
            Train = train, Test = t, Classes = 4, Hidden = [8],
            Base = new TrainingPlan(3, 1e-2, BatchSize: 32), FineTune = new TrainingPlan(1, 1e-3, BatchSize: 32),
            Adaptation = new TrainingPlan(1, 1e-3, BatchSize: 32),
            Budgets = [0.3, 0.6], UniformRanks = [1, 2], EnergyShares = [0.9], AdapterRanks = [1, 2], InferenceRepeats = 1, TargetShare = 0.7,
        });
        var a = Run(test);
        var b = Run(shuffled);
        Assert.NotEqual(a.BaseAccuracy, b.BaseAccuracy);
        Assert.Equal(a.BaseLoss, b.BaseLoss); // training never sees the test set
        Assert.Equal(a.Compressed.Select(p => (p.Rule, p.Weights)), b.Compressed.Select(p => (p.Rule, p.Weights)));
        Assert.NotNull(a.AtTarget);
        Assert.Equal((a.AtTarget.Rule, a.AtTarget.Setting), (b.AtTarget!.Rule, b.AtTarget.Setting));
        Assert.Equal(a.UpdateSpectra.Select(u => u.Spectrum.S), b.UpdateSpectra.Select(u => u.Spectrum.S)); // nor does the adaptation
    }
}
