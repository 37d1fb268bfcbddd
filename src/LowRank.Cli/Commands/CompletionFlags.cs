using System.CommandLine;
using LowRank.Completion;

namespace LowRank.Cli.Commands;

/// <summary>
/// The options of the completion commands (complete, evaluate, recommend, the experiment), read into one
/// <see cref="CompletionOptions"/>; an option left out keeps each method's own default.
/// </summary>
internal sealed class CompletionFlags
{
    private readonly Option<int?> _rank = new("--rank", "-k") { Description = "Rank k / latent factors (default: per method, e.g. 10 for als, 100 for sgd)" };
    private readonly Option<int> _seed = Flags.Seed();
    private readonly Option<double?> _lambda = new("--lambda") { Description = "Regularisation: als λ (ridge λ·n^α), sgd reg, soft-impute λ_K/λ_max" };
    private readonly Option<double?> _exponent = new("--lambda-exponent") { Description = "als: ridge λ·n^α for n ratings (default α = 0.5; Zhou et al.: 1)" };
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Sweeps of als, sgd and baseline" };
    private readonly Option<int?> _maxIterations = new("--max-iterations") { Description = "Iteration cap of hard-impute and soft-impute" };
    private readonly Option<double?> _tolerance = new("--tolerance") { Description = "Stopping tolerance on the relative change per iteration" };
    private readonly Option<double?> _momentum = new("--momentum") { Description = "hard-impute: heavy-ball β in [0, 1) extrapolating the fill (0.8: ~5× fewer iterations on the lecture's example)" };
    private readonly Option<string?> _fill = new("--fill") { Description = "Initial value of missing entries: global, row (user) or column (item) mean" };
    private readonly Option<bool> _biases = new("--biases") { Description = "als: fit μ + b_u + b_i + p_uᵀq_i (the default, except with complete --exact)" };
    private readonly Option<bool> _noBiases = new("--no-biases") { Description = "als: fit p_uᵀq_i only, without μ + b_u + b_i" };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { _rank, _seed, _lambda, _exponent, _epochs, _maxIterations, _tolerance, _momentum, _fill, _biases, _noBiases })
            command.Options.Add(o);
    }

    public CompletionOptions Read(ParseResult parsed)
    {
        int? rank = parsed.GetValue(_rank);
        if (rank is < 1) throw new InvalidInputException($"--rank must be at least 1, not {rank}");
        double? lambda = parsed.GetValue(_lambda);
        if (lambda is double l && !(l >= 0 && double.IsFinite(l))) throw new InvalidInputException($"--lambda must be a finite number ≥ 0, not {l}");
        int? epochs = parsed.GetValue(_epochs);
        if (epochs is < 1) throw new InvalidInputException($"--epochs must be at least 1, not {epochs}");
        int? iterations = parsed.GetValue(_maxIterations);
        if (iterations is < 1) throw new InvalidInputException($"--max-iterations must be at least 1, not {iterations}");
        double? tolerance = parsed.GetValue(_tolerance);
        if (tolerance is double t && !(t >= 0)) throw new InvalidInputException($"--tolerance must be ≥ 0, not {t}");
        double? momentum = parsed.GetValue(_momentum);
        if (momentum is double mu && !(mu >= 0 && mu < 1)) throw new InvalidInputException($"--momentum must be in [0, 1), not {mu}");
        string? fill = parsed.GetValue(_fill);
        bool biases = parsed.GetValue(_biases), noBiases = parsed.GetValue(_noBiases);
        if (biases && noBiases) throw new InvalidInputException("give --biases or --no-biases, not both");
        return new CompletionOptions
        {
            Rank = rank,
            Seed = parsed.GetValue(_seed),
            Regularization = lambda,
            RegularizationExponent = parsed.GetValue(_exponent),
            Epochs = epochs,
            MaxIterations = iterations,
            Tolerance = tolerance,
            Momentum = momentum,
            Fill = fill is null ? null : MeanFill.Parse(fill),
            Biases = biases ? true : noBiases ? false : null,
        };
    }
}
