using LowRank.Linalg;

namespace LowRank.Completion.Advanced;

/// <summary>
/// A linear blend of rating predictors fitted on a held-out slice, the probe blending of the Netflix Prize
/// solutions (Töscher, Jahrer &amp; Bell 2009, "The BigChaos solution to the Netflix Grand Prize"; Koren 2009,
/// "The BellKor solution to the Netflix Grand Prize"): (1) split the training ratings, seeded, into a fitting part
/// and a hold-out part (<see cref="BlendOptions.HoldOutFraction"/>); (2) fit every component on the fitting part
/// and predict the hold-out ratings; (3) fit ridge-regression weights with an intercept of the hold-out ratings on
/// those predictions (<see cref="RidgeRegression"/>); (4) refit every component on the whole training set and
/// predict w₀ + Σ_c w_c·r̂_c(u, i). Components come from factories, so any predictor can take part; by default
/// <see cref="BayesianPmf"/>, <see cref="SvdPlusPlus"/>, <see cref="KnnBaseline"/> and the bias baseline
/// μ + b_u + b_i, each with its default options.
/// </summary>
public sealed class Blend : RatingPredictor
{
    private readonly IReadOnlyList<Func<IRatingPredictor>> _factories;
    private readonly BlendOptions _options;
    private IRatingPredictor[] _components = [];

    /// <summary>The default blend: bpmf, svdpp, knn-baseline and the bias baseline.</summary>
    public Blend(BlendOptions? options = null)
        : this([() => new BayesianPmf(), () => new SvdPlusPlus(), () => new KnnBaseline(), () => new BaselinePredictor(new BaselineOptions())], options)
    {
    }

    /// <summary>A blend of the predictors the factories create (each called twice per fit: hold-out and full fits).</summary>
    public Blend(IReadOnlyList<Func<IRatingPredictor>> components, BlendOptions? options = null)
    {
        _factories = components;
        _options = options ?? new BlendOptions();
        if (components.Count == 0) throw new InvalidInputException("blend: at least one component is needed");
        if (!(_options.HoldOutFraction > 0 && _options.HoldOutFraction < 1))
            throw new InvalidInputException($"blend: hold-out fraction must lie in (0, 1), not {_options.HoldOutFraction}");
        if (!(_options.Ridge >= 0)) throw new InvalidInputException($"blend: ridge penalty must be ≥ 0, not {_options.Ridge}");
    }

    public override string Name => "blend";

    public BlendOptions Options => _options;

    /// <summary>w₀ of the last fit.</summary>
    public double Intercept { get; private set; }

    /// <summary>w_c of the last fit, one per component in the order given.</summary>
    public IReadOnlyList<double> Weights { get; private set; } = [];

    /// <summary>The components' names, in the order of <see cref="Weights"/>.</summary>
    public IReadOnlyList<string> ComponentNames => _components.Select(c => c.Name).ToArray();

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        var (fitPart, holdOut) = Split(train);
        if (fitPart.Count == 0 || holdOut.Count == 0)
            throw new InvalidInputException($"blend: {train.Count} ratings are too few to hold out {_options.HoldOutFraction:P0}");
        var columns = new List<double[]>();
        foreach (var factory in _factories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var component = factory();
            component.Fit(fitPart, cancellationToken);
            var column = new double[holdOut.Count];
            for (int e = 0; e < column.Length; e++) column[e] = component.Predict(holdOut.Users[e], holdOut.Items[e]);
            columns.Add(column);
        }
        (Intercept, var weights) = RidgeRegression.Fit(columns, holdOut.Values, _options.Ridge);
        Weights = weights;
        _components = new IRatingPredictor[_factories.Count];
        for (int c = 0; c < _components.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _components[c] = _factories[c]();
            _components[c].Fit(train, cancellationToken);
        }
    }

    protected override double PredictRaw(int user, int item)
    {
        double estimate = Intercept;
        for (int c = 0; c < _components.Length; c++) estimate += Weights[c] * _components[c].Predict(user, item);
        return estimate;
    }

    /// <summary>w₀ + Σ_c w_c·(component c's completed matrix), clipped.</summary>
    public override Matrix PredictAll()
    {
        var result = new Matrix(Train.UserCount, Train.ItemCount);
        var data = result.Data;
        Array.Fill(data, Intercept);
        for (int c = 0; c < _components.Length; c++)
        {
            var component = _components[c].PredictAll().Data;
            double weight = Weights[c];
            for (int t = 0; t < data.Length; t++) data[t] += weight * component[t];
        }
        var scale = Train.Scale;
        for (int t = 0; t < data.Length; t++) data[t] = scale.Clip(data[t]);
        return result;
    }

    /// <summary>Seeded shuffle of the entry numbers; the first (1 − fraction) fit, the rest are held out.</summary>
    private (RatingSet FitPart, RatingSet HoldOut) Split(RatingSet train)
    {
        var order = new int[train.Count];
        for (int e = 0; e < order.Length; e++) order[e] = e;
        var random = new SplitMix64((ulong)(uint)_options.Seed);
        random.Shuffle(order);
        int held = (int)Math.Round(_options.HoldOutFraction * order.Length);
        var fit = order[held..];
        var hold = order[..held];
        // Sorted entry numbers keep each user's entries in the training set's order.
        Array.Sort(fit);
        Array.Sort(hold);
        return (train.Subset(fit), train.Subset(hold));
    }
}
