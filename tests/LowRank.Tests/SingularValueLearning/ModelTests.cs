using CsCheck;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Serialization;
using LowRank.SingularValueLearning;
using Xunit;

namespace LowRank.Tests.SingularValueLearning;

public class ModelTests
{
    private static SvDataset Tiny(int count, int m, int n, int seed)
    {
        var a = Gaussian.Matrix(count + m - 1, n, new Random(seed));
        var stack = Windows.Extract(a, m, n, 1, out int[] origins);
        return new SvDataset("tiny", stack, SingularValueLabels.Compute(stack), origins);
    }

    [Fact]
    public void The_paper_model_overfits_a_tiny_set()
    {
        var data = Tiny(16, 4, 4, 1);
        var options = new SvLearnOptions { Kind = SvModelKind.Paper, Hidden = [64, 64], Dropout = 0, Loss = SvLoss.Mse, Epochs = 600, BatchSize = 16, LearningRate = 3e-3 };
        var run = SvLearnTrainer.Train(data, [.. Enumerable.Range(0, 16)], options);
        Assert.True(run.History[^1].TrainingLoss < 1e-4 * run.History[0].TrainingLoss, $"loss {run.History[0].TrainingLoss} → {run.History[^1].TrainingLoss}");
        var all = new DatasetSplit("train", [.. Enumerable.Range(0, 16)], [.. Enumerable.Range(0, 16)]);
        Assert.True(SvEvaluation.Run(run.Model, data, all).Model.NmseMean < 1e-3); // raw σ in, raw σ out: scalings folded in
    }

    [Fact]
    public void The_improved_model_fits_a_tiny_set_and_is_deterministic()
    {
        var data = Tiny(40, 5, 4, 2);
        var options = new SvLearnOptions { Hidden = [32, 32], Dropout = 0, Epochs = 300, BatchSize = 8, ValidationFraction = 0 };
        int[] all = [.. Enumerable.Range(0, 40)];
        var run = SvLearnTrainer.Train(data, all, options);
        var again = SvLearnTrainer.Train(data, all, options);
        var split = new DatasetSplit("train", all, all);
        var e = SvEvaluation.Run(run.Model, data, split);
        Assert.True(e.Model.NmseMean < 0.25 * e.Baseline.NmseMean, $"{e.Model.NmseMean} vs baseline {e.Baseline.NmseMean}");
        Assert.Equal(e.Predicted, SvEvaluation.Run(again.Model, data, split).Predicted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // rank-deficient matrices: the mean profile ends in zeros, whose softplus⁻¹ is −∞
    public void A_diverging_improved_run_keeps_its_start_which_is_the_baseline(bool lowRank)
    {
        var data = Tiny(60, 5, 4, 6);
        if (lowRank)
        {
            var a = Gaussian.Matrix(64, 4, new Random(6));
            for (int i = 0; i < a.Rows; i++) a[i, 3] = a[i, 2];
            var stack = Windows.Extract(a, 5, 4, 1, out int[] origins);
            data = new SvDataset("rank 3", stack, SingularValueLabels.Compute(stack), origins);
        }
        int[] train = [.. Enumerable.Range(0, 50)];
        var split = new DatasetSplit("tail", train, [.. Enumerable.Range(50, data.Count - 50)]);
        // A learning rate of 10 throws every parameter far off in one step: no epoch beats the start.
        var run = SvLearnTrainer.Train(data, train, new SvLearnOptions { Hidden = [16, 16], Dropout = 0, Epochs = 3, BatchSize = 8, LearningRate = 10, ValidationFraction = 0.2 });
        Assert.Equal(0, run.BestEpoch);
        var e = SvEvaluation.Run(run.Model, data, split);
        var baseline = NormRatioBaseline.Fit(data, train).Predict(data, split.Test);
        for (int i = 0; i < baseline.Length; i++) Assert.Equal(baseline[i], e.Predicted[i], 1e-4 * (1 + Math.Abs(baseline[i])));
        Assert.False(e.WorseThanBaseline, $"{e.Model.NmseMean} vs baseline {e.Baseline.NmseMean}");

        // The start lives in the saved layers (the last Linear's bias): a model file of the unchanged format keeps it.
        using var file = new MemoryStream();
        ModelFile.Save(run.Model, file);
        Assert.Equal(2, BitConverter.ToUInt16(file.GetBuffer(), 8));
        file.Position = 0;
        Assert.Equal(e.Predicted, SvEvaluation.Run(ModelFile.Load<float>(file), data, split).Predicted);
    }

    [Fact]
    public void A_model_worse_than_the_baseline_is_flagged_and_one_that_ties_it_is_not()
    {
        MetricSummary Nmse(double value) => new(value, 0, 0, 0, [value], [0], 0);
        SvEvaluation Judged(double model, double baseline) => new(Nmse(model), Nmse(baseline), [], [], 1, 0, 0);
        Assert.True(Judged(0.02, 0.01).WorseThanBaseline);
        Assert.True(Judged(0.01 * (1 + 2 * SvEvaluation.BaselineTolerance), 0.01).WorseThanBaseline);
        Assert.False(Judged(0.01 * (1 + SvEvaluation.BaselineTolerance / 2), 0.01).WorseThanBaseline); // a tie to rounding
        Assert.False(Judged(0.005, 0.01).WorseThanBaseline);
    }

    [Fact]
    public void Training_and_early_stopping_read_only_the_training_matrices()
    {
        // The labels of every matrix outside the training list are NaN: a trainer that took its validation split (or
        // anything else) from them would end with NaN losses and parameters.
        var data = Tiny(60, 5, 4, 4);
        int[] train = [.. Enumerable.Range(0, 40)];
        for (int k = 40; k < 60; k++) data.Labels.AsSpan(k * data.Outputs, data.Outputs).Fill(double.NaN);
        foreach (var kind in new[] { SvModelKind.Paper, SvModelKind.Improved })
        {
            var run = SvLearnTrainer.Train(data, train, new SvLearnOptions { Kind = kind, Hidden = [8, 8], Epochs = 5, BatchSize = 8, ValidationFraction = 0.25 });
            Assert.All(run.History, e => Assert.True(double.IsFinite(e.TrainingLoss)));
            Assert.All(run.Model.Parameters(), q => Assert.All(q.Value, v => Assert.True(float.IsFinite(v))));
            if (kind == SvModelKind.Improved) Assert.All(run.History, e => Assert.True(e.ValidationLoss is double v && double.IsFinite(v)));
        }
    }

    [Fact]
    public void Settings_that_cannot_train_are_refused_before_training()
    {
        foreach (var bad in new SvLearnOptions[] { new() { Epochs = 0 }, new() { LearningRate = -1 }, new() { BatchSize = 0 }, new() { Hidden = [4, 0] },
                     new() { Dropout = 1 }, new() { ValidationFraction = 1 }, new() { Patience = 0 } })
            Assert.Throws<InvalidInputException>(bad.Validate);
        new SvLearnOptions().Validate();
    }

    [Fact]
    public void Improved_outputs_are_non_negative_non_increasing_and_homogeneous()
    {
        Gen.Int[0, 1000].Select(Gen.Double[-3, 3].Array[24], Gen.Double[0.01, 100]).Sample((seed, values, scale) =>
        {
            var inner = new Sequential<float>(new Linear<float>(SpectralFeatures.Count(4, 6), 16, true, new Random(seed)), new ReLU<float>(),
                new Linear<float>(16, 4, true, new Random(seed + 1)), new CumulativeSoftplus<float>());
            var model = new SpectralRegressor<float>(4, 6, inner);
            var x = new Tensor<float>(2, 24);
            for (int i = 0; i < 24; i++)
            {
                x[0, i] = (float)values[i];
                x[1, i] = (float)(values[i] * -scale); // σ(cA) = |c|·σ(A), negative c included
            }
            var y = model.Forward(x);
            for (int j = 0; j < 4; j++)
            {
                Assert.True(y[0, j] >= 0 && (j == 0 || y[0, j] <= y[0, j - 1]), $"outputs {string.Join(", ", y.Row(0).ToArray())}");
                Assert.Equal(y[0, j] * scale, y[1, j], Math.Max(1e-4, 1e-4 * Math.Abs(y[1, j])));
            }
        }, iter: 50);
    }

    [Fact]
    public void Cumulative_softplus_gradient_matches_finite_differences()
    {
        var head = new CumulativeSoftplus<double>();
        var z = new Tensor<double>(1, 4, [0.3, -1.2, 2.0, 0.1]);
        double[] w = [1, -2, 0.5, 3];
        double Loss(Tensor<double> input) => head.Forward(input).Row(0).ToArray().Zip(w).Sum(p => p.First * p.Second);
        Loss(z);
        var grad = head.Backward(new Tensor<double>(1, 4, (double[])w.Clone())).Row(0).ToArray();
        for (int j = 0; j < 4; j++)
        {
            var plus = new Tensor<double>(1, 4, (double[])z.Data.Clone());
            var minus = new Tensor<double>(1, 4, (double[])z.Data.Clone());
            plus[0, j] += 1e-6;
            minus[0, j] -= 1e-6;
            Assert.Equal((Loss(plus) - Loss(minus)) / 2e-6, grad[j], 6);
        }
    }

    [Fact]
    public void Log_mse_loss_value_and_gradient_match_the_formula()
    {
        var loss = new LowRank.Neural.Losses.LogMSELoss<double>(1e-6);
        var target = new Tensor<double>(1, 3, [1.0, 0.5, 0.01]);
        double[] p = [2.0, 0.5, 0.02];
        double value = loss.Forward(new Tensor<double>(1, 3, (double[])p.Clone()), target);
        double expected = (Math.Pow(Math.Log(2 + 1e-6) - Math.Log(1 + 1e-6), 2) + Math.Pow(Math.Log(0.02 + 1e-6) - Math.Log(0.01 + 1e-6), 2)) / 3;
        Assert.Equal(expected, value, 12);
        var grad = loss.Backward().Row(0).ToArray();
        for (int j = 0; j < 3; j++)
        {
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[j] += 1e-7;
            minus[j] -= 1e-7;
            double numeric = (loss.Forward(new Tensor<double>(1, 3, plus), target) - loss.Forward(new Tensor<double>(1, 3, minus), target)) / 2e-7;
            Assert.Equal(numeric, grad[j], 5);
        }
    }

    [Fact]
    public void A_saved_improved_model_loads_and_predicts_the_same()
    {
        var data = Tiny(20, 4, 4, 3);
        var run = SvLearnTrainer.Train(data, [.. Enumerable.Range(0, 20)], new SvLearnOptions { Hidden = [8, 8], Epochs = 3 });
        var bytes = new MemoryStream();
        ModelFile.Save(run.Model, bytes);
        var loaded = ModelFile.Load<float>(new MemoryStream(bytes.ToArray()));
        Assert.IsType<SpectralRegressor<float>>(loaded);
        Assert.Equal(SvPredictor.Predict(run.Model, data.Matrices), SvPredictor.Predict(loaded, data.Matrices));
        byte[] corrupt = bytes.ToArray();
        corrupt[40] ^= 0xFF;
        Assert.Throws<InvalidInputException>(() => ModelFile.Load<float>(new MemoryStream(corrupt)));
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(5, 3)]
    public void Spectral_power_sums_equal_those_of_the_normalised_singular_values(int m, int n)
    {
        // Computed from Gram matrices, without an SVD: p_k = Σ (σᵢ/‖A‖_F)^(2k) for k = 2, 3, 4, 8, then p_k^(1/k).
        var random = new Random(m * 10 + n);
        float[] flat = [.. Enumerable.Range(0, m * n).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var features = new double[SpectralFeatures.Count(m, n)];
        double norm = SpectralFeatures.Compute(flat, m, n, features);
        var matrix = Matrix.FromRowMajor(m, n, [.. flat.Select(x => (double)x)]);
        var (_, sigma, _) = Backends.Current.Svd(matrix, computeVectors: false);
        var lambda = sigma.Take(Math.Min(m, n)).Select(x => x * x / (norm * norm)).ToArray();
        Assert.Equal(1, lambda.Sum(), 9);
        int[] powers = [2, 3, 4, 8];
        for (int k = 0; k < powers.Length; k++)
        {
            double expected = lambda.Sum(l => Math.Pow(l, powers[k]));
            Assert.Equal(expected, features[m + n + k], 9);
            Assert.Equal(Math.Pow(expected, 1.0 / powers[k]), features[m + n + powers.Length + k], 9);
        }
        Assert.Equal(features[..m].OrderDescending(), features[..m]); // squared row norms, sorted
        Assert.Equal(1, features.AsSpan(m, n).ToArray().Sum(), 9); // squared column norms of A/‖A‖_F sum to 1
    }

    [Fact]
    public void Spectral_features_are_invariant_to_scale_permutations_and_signs()
    {
        float[] a = [1, -2, 3, 0.5f, 4, -1];   // 2×3
        float[] b = [1, -0.5f, -4, 3, 1, -2];  // rows swapped, columns permuted, first row's signs flipped
        var fa = new double[SpectralFeatures.Count(2, 3)];
        var fb = new double[fa.Length];
        double na = SpectralFeatures.Compute(a, 2, 3, fa);
        SpectralFeatures.Compute([.. b.Select(x => 7 * x)], 2, 3, fb);
        Assert.Equal(Math.Sqrt(a.Sum(x => (double)x * x)), na, 6);
        for (int i = 0; i < fa.Length; i++) Assert.Equal(fa[i], fb[i], 6);
        Assert.Equal(1, fa[..2].Sum(), 6); // sorted squared row norms of A/‖A‖_F sum to 1
    }
}
