using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.IO;
using LowRank.Linalg;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank complete IN [--rank k] [--method M] [--exact] [--scale MIN:MAX] [-o OUT]</c>: fills the missing entries
/// (empty, ?, NA, NaN; NaN in .npy) of a matrix; observed entries are kept as given. By default the values are treated
/// as ratings: each method runs with the same defaults as <c>evaluate</c> (biases, regularisation) and the filled-in
/// entries are clipped to the scale (<c>--scale</c>, else the observed range). <c>--exact</c> is the lecture's noiseless
/// case: each method's exact-completion preset (<see cref="CompletionOptions.Exact"/>), nothing clipped.
/// </summary>
internal static class CompleteCommand
{
    /// <summary>Matrices up to this many entries are printed (table) or included in the JSON when no output file is given.</summary>
    private const int ShownEntries = 400;

    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Matrix with missing entries (.csv .tsv .txt: empty, ?, NA, NaN; .npy: NaN; .mtx)" };
        var method = Flags.CompletionMethod("hard-impute");
        var output = new Option<string?>("--output", "-o") { Description = "Write the completed matrix here; the format follows the extension" };
        var exact = new Option<bool>("--exact") { Description = "Exact completion of a (nearly) rank-k matrix: no biases, λ = 0, iterate to 1e-10, no clipping (mean-svd, hard-impute, soft-impute, als)" };
        var scale = Flags.Scale();
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("complete", "Fill the missing entries of a matrix with a rank-k completion");
        command.Arguments.Add(input);
        command.Options.Add(method);
        command.Options.Add(output);
        command.Options.Add(exact);
        command.Options.Add(scale);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!, name = parsed.GetValue(method)!;
            string? outPath = parsed.GetValue(output);
            LoadedInput.CheckMatrixOutput(outPath, path);
            bool isExact = parsed.GetValue(exact);
            var given = Flags.ParseScale(parsed.GetValue(scale));
            if (isExact && given is not null) throw new InvalidInputException("--exact completes without clipping; leave out --scale");
            var options = flags.Read(parsed) with { Exact = isExact };
            var predictor = PredictorRegistry.Create(name, options);
            var (a, missing) = Read(context, path, given, text.Read(parsed));
            var range = ObservedRange(path, a, given);
            if (range is null) throw new InvalidInputException($"{path}: every entry is missing; nothing to complete from");
            var ratingScale = isExact ? RatingScale.Unbounded : range.Value;
            var observed = RatingSet.FromDense(a, ratingScale);
            context.AnnounceBackend();
            var clock = Stopwatch.StartNew();
            var completed = context.WithProgress($"{name} completion of a {a.Rows}×{a.Cols} matrix", () =>
            {
                predictor.Fit(observed);
                return predictor.PredictAll();
            });
            double seconds = clock.Elapsed.TotalSeconds;
            double fit = ObservedRmse(observed, completed);
            for (int p = 0; p < a.Data.Length; p++)
                if (!double.IsNaN(a.Data[p])) completed.Data[p] = a.Data[p];
            if (outPath is not null) context.Write(outPath, () => MatrixFile.Write(outPath, completed, context.Cancellation));
            var trace = (predictor as IIterativePredictor)?.Trace;
            bool show = outPath is null && a.Data.Length <= ShownEntries;
            string clipping = isExact ? "not clipped (--exact)" : $"filled-in entries clipped to {ratingScale} ({(given is null ? "the observed range" : "--scale")})";
            var report = new
            {
                Method = predictor.Name,
                Settings = isExact ? "exact" : "rating prediction",
                Rank = RankOf(predictor),
                Scale = isExact ? null : new[] { ratingScale.Min, ratingScale.Max },
                Clipped = !isExact,
                Clipping = clipping,
                a.Rows,
                a.Cols,
                Observed = observed.Count,
                Missing = missing,
                Iterations = trace?.Iterations,
                Converged = trace?.Converged,
                RmseObserved = fit,
                Seconds = seconds,
                Output = outPath,
                Completed = show ? completed.ToJagged() : null,
            };
            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, report);
                return 0;
            }
            context.Output.WriteLine($"{path}: {a.Rows}×{a.Cols}, {observed.Count:N0} observed, {missing:N0} missing; "
                + $"{predictor.Name} ({(isExact ? "exact completion" : "rating-prediction defaults")}{(RankOf(predictor) is int k ? $", rank {k}" : "")}) in {Tables.Seconds(seconds)}"
                + (trace is null ? "" : $", {trace.Iterations:N0} iterations ({(trace.Converged ? "converged" : "not converged")})")
                + $"; RMSE on the observed entries {fit.ToString("G4", CultureInfo.InvariantCulture)}; {clipping}");
            if (show) context.Console.Write(MatrixTable(a, completed));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The matrix with NaN where nothing is observed, and the number of missing entries. A ratings file (.data, .dat) is
    /// read as ratings, users × items in id order, every unrated pair missing (not 0 as in its sparse-matrix reading).
    /// </summary>
    private static (Matrix Values, int Missing) Read(CliContext context, string path, RatingScale? scale, TextReadOptions text)
    {
        if (RatingsFile.IsRatingsFile(path))
        {
            var ratings = RatingsFile.Read(path, scale, text).Ratings;
            return (ratings.ToDense(), ratings.UserCount * ratings.ItemCount - ratings.Count);
        }
        var data = MatrixFile.Read(path, text);
        context.Note(data.Notes);
        return (data.Values, data.MissingCount);
    }

    /// <summary>
    /// The scale of the observed entries: <paramref name="given"/> (every observed entry must lie in it, else exit 2 naming
    /// the entry), or the observed minimum–maximum; null when nothing is observed.
    /// </summary>
    private static RatingScale? ObservedRange(string path, Matrix a, RatingScale? given)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
            {
                double v = a[i, j];
                if (double.IsNaN(v)) continue;
                if (given is RatingScale s && !s.Contains(v))
                    throw new InvalidInputException($"{path}: entry ({i + 1}, {j + 1}) = {v.ToString("G", CultureInfo.InvariantCulture)} is outside --scale {s}");
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        return min > max ? null : given ?? new RatingScale(min, max);
    }

    /// <summary>The rank the method ran with, when it has one.</summary>
    private static int? RankOf(IRatingPredictor predictor) => predictor switch
    {
        AlsPredictor p => p.Options.Rank,
        HardImputePredictor p => p.Options.Rank,
        SoftImputePredictor p => p.Options.Rank,
        MeanSvdPredictor p => p.Options.Rank,
        LowRank.Completion.Advanced.SvdPlusPlus p => p.Options.Factors,
        LowRank.Completion.Advanced.BayesianPmf p => p.Options.Rank,
        _ => null,
    };

    /// <summary>Root mean squared difference between the model and the observed entries (before they are restored).</summary>
    private static double ObservedRmse(RatingSet observed, Matrix model)
    {
        double sum = 0;
        for (int e = 0; e < observed.Count; e++)
        {
            double d = observed.Values[e] - model[observed.Users[e], observed.Items[e]];
            sum += d * d;
        }
        return Math.Sqrt(sum / observed.Count);
    }

    /// <summary>The completed matrix, filled-in entries in bold.</summary>
    private static Table MatrixTable(Matrix original, Matrix completed)
    {
        var table = new Table().AddColumn("");
        for (int j = 0; j < completed.Cols; j++) table.AddColumn(new TableColumn((j + 1).ToString(CultureInfo.InvariantCulture)).RightAligned());
        for (int i = 0; i < completed.Rows; i++)
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            for (int j = 0; j < completed.Cols; j++)
            {
                string text = completed[i, j].ToString("0.####", CultureInfo.InvariantCulture);
                cells.Add(double.IsNaN(original[i, j]) ? $"[bold]{text}[/]" : text);
            }
            table.AddRow(cells.ToArray());
        }
        return table.Caption("filled-in entries in bold");
    }
}
