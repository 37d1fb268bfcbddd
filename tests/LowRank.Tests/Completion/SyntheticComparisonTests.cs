using LowRank.Completion;
using LowRank.Completion.Evaluation;
using Xunit;
using Xunit.Abstractions;

namespace LowRank.Tests.Completion;

/// <summary>On ratings generated from a low-rank model, every low-rank method predicts held-out ratings better than the biases alone.</summary>
public class SyntheticComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryMethodBeatsTheBaseline()
    {
        var ratings = SyntheticRatings.Generate(200, 150, rank: 3, density: 0.4, noise: 0.2, seed: 3);
        var protocol = new EvaluationProtocol { Folds = 3 };
        var splits = protocol.Splits(ratings, null);
        var options = new CompletionOptions { Rank = 3, Epochs = 100 };
        double Rmse(string name) => MethodEvaluation.Run(name, protocol, options, splits).Rmse!.Value;
        double baseline = Rmse("baseline");
        output.WriteLine($"baseline {baseline:F4}");
        foreach (string name in PredictorRegistry.Names.Where(n => n != "baseline"))
        {
            double rmse = Rmse(name);
            output.WriteLine($"{name} {rmse:F4}");
            Assert.True(rmse < baseline, $"{name}: RMSE {rmse} is not below the baseline's {baseline}");
        }
    }
}
