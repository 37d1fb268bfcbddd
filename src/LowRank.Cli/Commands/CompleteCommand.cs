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
/// <c>lowrank complete IN --rank k [--method mean-svd|hard-impute|soft-impute|als] [--fill global|row|column] [-o OUT]</c>:
/// fills the missing entries (empty, ?, NA, NaN; NaN in .npy) of a dense matrix; observed entries are kept as given.
/// This is exact matrix completion, so the methods default to the settings that recover a rank-k matrix (see
/// <see cref="ExactCompletion"/>); predictions are not clipped.
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
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("complete", "Fill the missing entries of a matrix with a rank-k completion");
        command.Arguments.Add(input);
        command.Options.Add(method);
        command.Options.Add(output);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!, name = parsed.GetValue(method)!;
            string? outPath = parsed.GetValue(output);
            LoadedInput.CheckMatrixOutput(outPath, path);
            var given = flags.Read(parsed);
            if (given.Rank is null) throw new InvalidInputException("complete needs --rank k");
            var options = ExactCompletion(given, name);
            var predictor = PredictorRegistry.Create(name, options);
            var data = MatrixFile.Read(path, text.Read(parsed));
            context.Note(data.Notes);
            var a = data.Values;
            var observed = RatingSet.FromDense(a, RatingScale.Unbounded);
            if (observed.Count == 0) throw new InvalidInputException($"{path}: every entry is missing; nothing to complete from");
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
            var report = new
            {
                Method = predictor.Name,
                Rank = options.Rank,
                a.Rows,
                a.Cols,
                Observed = observed.Count,
                Missing = data.MissingCount,
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
            context.Output.WriteLine($"{path}: {a.Rows}×{a.Cols}, {observed.Count:N0} observed, {data.MissingCount:N0} missing; "
                + $"{predictor.Name} rank {options.Rank} in {Tables.Seconds(seconds)}"
                + (trace is null ? "" : $", {trace.Iterations:N0} iterations ({(trace.Converged ? "converged" : "not converged")})")
                + $"; RMSE on the observed entries {fit.ToString("G4", CultureInfo.InvariantCulture)}");
            if (show) context.Console.Write(MatrixTable(a, completed));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Defaults for exact completion where the user gave none: iterate to a relative change of 10⁻¹⁰ (at most 10,000
    /// iterations or sweeps), soft-impute down to λ_K = 10⁻⁴·λ_max without centring, ALS without biases or
    /// regularisation — the settings under which a matrix of rank k is recovered, not the rating-prediction ones.
    /// </summary>
    private static CompletionOptions ExactCompletion(CompletionOptions given, string method)
    {
        bool als = string.Equals(method, "als", StringComparison.OrdinalIgnoreCase);
        bool soft = string.Equals(method, "soft-impute", StringComparison.OrdinalIgnoreCase);
        return given with
        {
            MaxIterations = given.MaxIterations ?? 10_000,
            Tolerance = given.Tolerance ?? 1e-10,
            Epochs = given.Epochs ?? (als ? 10_000 : null),
            Regularization = given.Regularization ?? (soft ? 1e-4 : als ? 0 : null),
            Biases = given.Biases ?? (als ? false : null),
            Center = given.Center ?? false,
        };
    }

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
