using LowRank.Linalg;

namespace LowRank.Completion.Advanced;

/// <summary>
/// Bayesian probabilistic matrix factorisation by Gibbs sampling (Salakhutdinov &amp; Mnih 2008, "Bayesian
/// probabilistic matrix factorization using Markov chain Monte Carlo", ICML 2008, §3.2–3.3): the ratings minus
/// their mean are modelled as r_ij − μ ~ N(U_iᵀV_j + b_i + c_j, α⁻¹), and each user's [U_i; b_i] and each item's
/// [V_j; c_j] has a Gaussian prior whose mean and precision carry a Gaussian–Wishart hyperprior
/// (μ₀ = 0, β₀, ν₀ = D + 1, W₀ = I). Biases are extra latent dimensions whose partner coordinate is fixed at 1, so
/// one (D + 1)-dimensional Gaussian update samples a user's factors and bias together.
/// One sweep of the Gibbs sampler (§3.3): sample the user hyperparameters Θ_U = (μ_U, Λ_U) from their
/// Gaussian–Wishart conditional (parameters μ₀*, β₀*, ν₀*, W₀*; Wishart by the Bartlett decomposition), every user
/// in parallel from N(μ_i*, (Λ_i*)⁻¹), then the same for the items. After <see cref="BayesianPmfOptions.BurnIn"/> sweeps
/// the predicted matrix of each sweep is averaged (the Monte Carlo approximation of the predictive distribution's
/// mean, §3.2). Every row draws from its own generator derived from (seed, sweep, row), so the chain is the same on
/// any number of threads.
/// Memory: the averaged users × items prediction matrix.
/// </summary>
public sealed class BayesianPmf : DensePredictor
{
    private readonly BayesianPmfOptions _options;

    public BayesianPmf(BayesianPmfOptions? options = null)
    {
        _options = options ?? new BayesianPmfOptions();
        if (_options.Rank < 1) throw new InvalidInputException($"bpmf: rank must be ≥ 1, not {_options.Rank}");
        if (_options.BurnIn < 0) throw new InvalidInputException($"bpmf: burn-in must be ≥ 0, not {_options.BurnIn}");
        if (_options.Samples < 1) throw new InvalidInputException($"bpmf: samples must be ≥ 1, not {_options.Samples}");
        if (!(_options.NoisePrecision > 0)) throw new InvalidInputException($"bpmf: noise precision must be > 0, not {_options.NoisePrecision}");
        if (!(_options.Beta0 > 0)) throw new InvalidInputException($"bpmf: β₀ must be > 0, not {_options.Beta0}");
        if (!(_options.InitialScale >= 0)) throw new InvalidInputException($"bpmf: initial scale must be ≥ 0, not {_options.InitialScale}");
    }

    public override string Name => "bpmf";

    public BayesianPmfOptions Options => _options;

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        int n = train.UserCount, m = train.ItemCount, k = _options.Rank + 1;
        MemoryBudget.RequireMatrix(n, m, "bpmf prediction matrix", copies: 2);
        double mean = train.GlobalMean;
        var byUser = train.ByUser;
        var byItem = train.ByItem;
        var users = InitialFactors(n, k, 0);
        var items = InitialFactors(m, k, 1);
        var sum = new Matrix(n, m);
        var userAugmented = new double[n * (k + 1)];
        var itemAugmented = new double[m * (k + 1)];
        var backend = Backends.Current;
        int sweeps = _options.BurnIn + _options.Samples;
        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SampleSide(users, items, byUser, mean, sweep, 0, cancellationToken);
            SampleSide(items, users, byItem, mean, sweep, 1, cancellationToken);
            if (sweep < _options.BurnIn) continue;
            // Prediction of this sweep: [U, b, 1]·[V, 1, c]ᵀ, accumulated into the running sum.
            Augment(users, n, k, userAugmented, biasLast: true);
            Augment(items, m, k, itemAugmented, biasLast: false);
            backend.Gemm(false, true, n, m, k + 1, 1.0, userAugmented, n, itemAugmented, m, 1.0, sum.Data, n);
        }
        var data = sum.Data;
        double scale = 1.0 / _options.Samples;
        for (int t = 0; t < data.Length; t++) data[t] = mean + data[t] * scale;
        Estimate = sum;
    }

    /// <summary>Rows × k factors (row-major) drawn from N(0, InitialScale²); biases start at 0.</summary>
    private double[] InitialFactors(int rows, int k, int side)
    {
        var factors = new double[rows * k];
        var random = SplitMix64.Derive(_options.Seed, -1, side);
        for (int r = 0; r < rows; r++)
            for (int d = 0; d < k - 1; d++)
                factors[r * k + d] = _options.InitialScale * random.NextGaussian();
        return factors;
    }

    /// <summary>Column-major rows × (k + 1) copy: factors, then (bias, 1) for users or (1, bias) for items.</summary>
    private static void Augment(double[] factors, int rows, int k, double[] target, bool biasLast)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int d = 0; d < k - 1; d++) target[d * rows + r] = factors[r * k + d];
            double bias = factors[r * k + k - 1];
            target[(k - 1) * rows + r] = biasLast ? bias : 1;
            target[k * rows + r] = biasLast ? 1 : bias;
        }
    }

    /// <summary>
    /// One half-sweep: draws the side's hyperparameters (Λ, μ) given its current rows, then every row given
    /// them and the other side: Λ_i* = Λ + α·Σ_j x_j x_jᵀ, μ_i* = (Λ_i*)⁻¹(α·Σ_j x_j t_ij + Λμ).
    /// </summary>
    private void SampleSide(double[] self, double[] other, RatingLists lists, double mean, int sweep, int side,
        CancellationToken cancellationToken)
    {
        int k = _options.Rank + 1, rows = lists.RowCount;
        var (precision, hyperMean) = SampleHyperparameters(self, rows, k, SplitMix64.Derive(_options.Seed, sweep, -1 - side));
        var priorTimesMean = new double[k];
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++) priorTimesMean[a] += precision[a * k + b] * hyperMean[b];
        double alpha = _options.NoisePrecision;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, rows, parallel, () => (new double[k * k], new double[k], new double[k]), (r, _, work) =>
        {
            var (p, rhs, x) = work;
            precision.AsSpan().CopyTo(p);
            priorTimesMean.AsSpan().CopyTo(rhs);
            for (int t = lists.Start[r]; t < lists.Start[r + 1]; t++)
            {
                // Partner's regressor [factors; 1] and target r − μ − partner's bias.
                int offset = lists.Other[t] * k;
                for (int d = 0; d < k - 1; d++) x[d] = other[offset + d];
                x[k - 1] = 1;
                double target = lists.Value[t] - mean - other[offset + k - 1];
                for (int a = 0; a < k; a++)
                {
                    double ax = alpha * x[a];
                    rhs[a] += ax * target;
                    int row = a * k;
                    for (int b = 0; b <= a; b++) p[row + b] += ax * x[b];
                }
            }
            if (!SmallCholesky.Factor(p, k)) throw new InvalidOperationException("bpmf: a posterior precision lost positive definiteness");
            // Mean Λ*⁻¹·rhs plus L⁻ᵀ·z has the posterior N(mean, Λ*⁻¹) with Λ* = L·Lᵀ.
            SmallCholesky.SolveLower(p, k, rhs);
            var random = SplitMix64.Derive(_options.Seed, sweep, ((long)side << 32) | (uint)r);
            for (int a = 0; a < k; a++) rhs[a] += random.NextGaussian();
            SmallCholesky.SolveLowerTranspose(p, k, rhs);
            rhs.AsSpan().CopyTo(self.AsSpan(r * k, k));
            return work;
        }, _ => { });
    }

    /// <summary>
    /// Conjugate Gaussian–Wishart update (§3.3) with μ₀ = 0, ν₀ = k, W₀ = I: Λ ~ W(W₀*, ν₀ + N) where
    /// (W₀*)⁻¹ = I + N·S̄ + β₀N/(β₀ + N)·x̄x̄ᵀ, then μ ~ N(N·x̄/(β₀ + N), ((β₀ + N)Λ)⁻¹).
    /// </summary>
    private (double[] Precision, double[] Mean) SampleHyperparameters(double[] self, int rows, int k, SplitMix64 random)
    {
        var average = new double[k];
        for (int r = 0; r < rows; r++)
            for (int a = 0; a < k; a++) average[a] += self[r * k + a];
        for (int a = 0; a < k; a++) average[a] /= Math.Max(rows, 1);
        double beta0 = _options.Beta0, betaStar = beta0 + rows;
        var inverseScale = new double[k * k];
        for (int r = 0; r < rows; r++)
            for (int a = 0; a < k; a++)
            {
                double da = self[r * k + a] - average[a];
                for (int b = 0; b <= a; b++) inverseScale[a * k + b] += da * (self[r * k + b] - average[b]);
            }
        double shrink = beta0 * rows / betaStar;
        for (int a = 0; a < k; a++)
        {
            inverseScale[a * k + a] += 1;
            for (int b = 0; b <= a; b++) inverseScale[a * k + b] += shrink * average[a] * average[b];
        }
        var precision = new double[k * k];
        Wishart.Sample(inverseScale, k, k + rows, ref random, precision);
        // μ = μ* + L⁻ᵀz with β*Λ = L·Lᵀ.
        var factor = new double[k * k];
        for (int t = 0; t < factor.Length; t++) factor[t] = betaStar * precision[t];
        if (!SmallCholesky.Factor(factor, k)) throw new InvalidOperationException("bpmf: a sampled hyper-precision is not positive definite");
        var noise = new double[k];
        for (int a = 0; a < k; a++) noise[a] = random.NextGaussian();
        SmallCholesky.SolveLowerTranspose(factor, k, noise);
        var mean = new double[k];
        for (int a = 0; a < k; a++) mean[a] = rows * average[a] / betaStar + noise[a];
        return (precision, mean);
    }
}
