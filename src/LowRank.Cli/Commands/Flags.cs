using System.CommandLine;
using System.Reflection;
using LowRank.Completion;
using LowRank.Decompositions;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>Options shared by several commands, built fresh for each command.</summary>
internal static class Flags
{
    public static string Version =>
        typeof(Flags).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object on stdout and nothing else" };

    public static Option<string> Method()
    {
        var option = new Option<string>("--method")
        {
            Description = "auto (dense: randomized when k ≤ min(m,n)/10 and min(m,n) ≥ 500, else exact; sparse: lanczos), "
                + "exact (LAPACK dgesdd), randomized (Halko et al. 2011) or lanczos (Baglama & Reichel 2005, as irlba; k < min(m,n))",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "exact", "randomized", "lanczos");
        return option;
    }

    public static SvdMethod ParseMethod(string? name) => Enum.Parse<SvdMethod>(name ?? "auto", ignoreCase: true);

    public static Option<int> Oversampling() => new("--oversampling")
    {
        Description = "Randomized SVD: extra sample columns p",
        DefaultValueFactory = _ => 10,
    };

    public static Option<int?> PowerIterations() => new("--power-iterations")
    {
        Description = "Randomized SVD: power iterations q (default 7 when k < 0.1·min(m,n), else 4)",
    };

    public static Option<int> Seed() => new("--seed") { Description = "Random seed", DefaultValueFactory = _ => 0 };

    public static RandomizedSvdOptions RandomizedOptions(ParseResult parsed, Option<int> oversampling, Option<int?> power, Option<int> seed) =>
        new(parsed.GetValue(oversampling), parsed.GetValue(power), parsed.GetValue(seed));

    /// <summary><c>--precision double|mixed</c>: the arithmetic of the randomized SVD's products with float64 data.</summary>
    public static Option<string?> Precision()
    {
        var option = new Option<string?>("--precision")
        {
            Description = "Randomized SVD of float64 data: double (every product in float64) or mixed (the power-iteration passes in "
                + $"float32, the projection in float64; falls back to double where float32 cannot resolve the spectrum); default {Name(new RandomizedSvdOptions().Precision)}",
        };
        option.AcceptOnlyFromAmong("double", "mixed");
        return option;
    }

    /// <summary>The precision <c>--precision</c> names, or the options' default when it was not given.</summary>
    public static SketchPrecision ParsePrecision(string? text) => text switch
    {
        null => new RandomizedSvdOptions().Precision,
        "mixed" => SketchPrecision.Mixed,
        _ => SketchPrecision.Double,
    };

    /// <summary>The name of <paramref name="precision"/> on the command line and in JSON reports.</summary>
    public static string Name(SketchPrecision precision) => precision.ToString().ToLowerInvariant();

    public static Option<double?> Tolerance() => new("--tol")
    {
        Description = $"Lanczos: stop when every residual ‖Aᵀu − σv‖ ≤ tol·σ₁ (default {new LanczosOptions().Tolerance:0e0})",
    };

    public static LanczosOptions LanczosOptions(ParseResult parsed, Option<double?> tolerance, Option<int> seed) =>
        parsed.GetValue(tolerance) is double tol
            ? new LanczosOptions(Tolerance: tol, Seed: parsed.GetValue(seed))
            : new LanczosOptions(Seed: parsed.GetValue(seed));

    public static Option<string?> Scale() => new("--scale")
    {
        Description = "Rating scale MIN:MAX (e.g. 1:5); ratings outside it are errors; default: the observed range",
    };

    public static RatingScale? ParseScale(string? text) => text is null ? null : RatingsFile.ParseScale(text);

    /// <summary>The ratings file argument of evaluate and recommend.</summary>
    public static Argument<string> Ratings() => new("ratings")
    {
        Description = "Ratings file: MovieLens u.data (TSV), ratings.dat (::) or CSV user,item,rating[,timestamp]",
    };

    /// <summary><c>--method</c> of complete and recommend: a registered predictor (evaluate has its own, with popularity and all).</summary>
    public static Option<string> CompletionMethod(string defaultName) => new("--method", "-m")
    {
        Description = $"{string.Join(", ", PredictorRegistry.Names)} (default {defaultName})",
        DefaultValueFactory = _ => defaultName,
    };

    /// <summary><c>--top N</c>: the N of the ranking scores (evaluate, the experiment) or of the recommended items.</summary>
    public static Option<int> Top(string description = "N of precision@N, recall@N, NDCG@N") =>
        new("--top") { Description = description, DefaultValueFactory = _ => 10 };

    /// <summary>The value of <see cref="Top"/>, at least 1.</summary>
    public static int ReadTop(ParseResult parsed, Option<int> top)
    {
        int n = parsed.GetValue(top);
        return n >= 1 ? n : throw new InvalidInputException($"--top must be at least 1, not {n}");
    }

    public static Option<int> Folds() => new("--folds") { Description = "Number of folds (at least 2)", DefaultValueFactory = _ => 5 };

    /// <summary>
    /// The report directory of demo and the experiments, created if need be (and taken back if the run fails or is
    /// interrupted: <see cref="CliContext.CreateFolder"/>); a path that is a file is bad usage (exit 2), not an I/O failure.
    /// </summary>
    public static string ReportDirectory(CliContext context, string path) => context.CreateFolder(CheckReportDirectory(path));

    /// <summary>
    /// The full path of a report directory, refused (exit 2) when it is a file, but not created yet: for a command that
    /// checks its other inputs first and must leave nothing behind when one of them is bad.
    /// </summary>
    public static string CheckReportDirectory(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new InvalidInputException($"{path}: --out must be a directory, and this is a file");
        return full;
    }
}
