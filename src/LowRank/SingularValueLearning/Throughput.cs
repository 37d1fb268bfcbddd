using System.Diagnostics;
using LowRank.Linalg;
using LowRank.Neural;

namespace LowRank.SingularValueLearning;

/// <summary>
/// Matrices per second (SV-Learn's claim is speed): a trained network's batched float32 inference — for the improved
/// model including its feature computation — against the exact values-only SVD (<see cref="SingularValueLabels"/>:
/// LAPACK dgesdd per matrix, all cores) on the same matrices. Each is timed `repeats` times after a
/// warm-up and the best run counts.
/// </summary>
public static class Throughput
{
    public static double ModelPerSecond(Module<float> model, MatrixStack stack, int repeats = 3) =>
        Best(() => SvPredictor.Predict(model, stack), stack.Count, repeats);

    public static double SvdPerSecond(MatrixStack stack, ILinalgBackend? backend = null, int repeats = 3) =>
        Best(() => SingularValueLabels.Compute(stack, backend), stack.Count, repeats);

    private static double Best(Func<double[]> run, int count, int repeats)
    {
        run();
        double best = double.PositiveInfinity;
        for (int i = 0; i < Math.Max(1, repeats); i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return count / best;
    }
}
