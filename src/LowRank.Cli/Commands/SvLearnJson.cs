using System.Globalization;
using LowRank.Cli.Output;
using LowRank.SingularValueLearning;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>How the SV-Learn commands report metrics: JSON objects (snake_case through JsonReport) and console tables.</summary>
internal static class SvLearnJson
{
    public static object Metrics(MetricSummary m) => new { m.NmseMean, m.NmseStd, m.MaeMean, m.MaeStd };

    /// <summary>The paper's metrics of the model at the top level (nmse_mean, …), the baseline's nested, plus the rank estimate.</summary>
    public static Dictionary<string, object?> Evaluation(SvEvaluation e, DatasetSplit split) => new()
    {
        ["split"] = split.Name,
        ["train_count"] = split.Train.Length,
        ["test_count"] = split.Test.Length,
        ["nmse_mean"] = e.Model.NmseMean,
        ["nmse_std"] = e.Model.NmseStd,
        ["mae_mean"] = e.Model.MaeMean,
        ["mae_std"] = e.Model.MaeStd,
        ["baseline"] = Metrics(e.Baseline),
        ["rank99_exact_fraction"] = e.RankExactFraction,
        ["rank99_mean_abs_error"] = e.RankMeanAbsoluteError,
        ["predict_seconds"] = e.PredictSeconds,
    };

    /// <summary>Where the matrices came from and their shape: data, window_rows, window_cols, stride (null for whole matrices).</summary>
    public static void Source(Dictionary<string, object?> report, SvLearnSource source)
    {
        report["data"] = source.Description;
        report["window_rows"] = source.Dataset.Matrices.Rows;
        report["window_cols"] = source.Dataset.Matrices.Cols;
        report["stride"] = source.Stride;
    }

    /// <summary>
    /// Sets worse_than_baseline and, when the model lost to the no-learning baseline on the test matrices, says so in one
    /// line on stderr: its output is worse than predicting the mean σ/‖A‖_F profile.
    /// </summary>
    public static void JudgeAgainstBaseline(CliContext context, Dictionary<string, object?> report, SvEvaluation e)
    {
        report["worse_than_baseline"] = e.WorseThanBaseline;
        if (e.WorseThanBaseline)
            context.Error.WriteLine($"warning: the model's test NMSE ({Percent(e.Model.NmseMean)}) is worse than the no-learning baseline's "
                + $"({Percent(e.Baseline.NmseMean)}): predicting the mean σ/‖A‖_F profile does better; train on more matrices or for more epochs");
    }

    /// <summary>A table: one row per (name, metrics), NMSE in per cent, MAE as is.</summary>
    public static void Table(CliContext context, IEnumerable<(string Name, MetricSummary Metrics)> rows)
    {
        var table = new Table().AddColumns("", "NMSE mean ± std", "MAE mean ± std");
        foreach (var (name, m) in rows)
            table.AddRow(Markup.Escape(name), $"{Percent(m.NmseMean)} ± {Percent(m.NmseStd)}", $"{Number(m.MaeMean)} ± {Number(m.MaeStd)}");
        context.Console.Write(table);
    }

    public static string Percent(double x) => (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    public static string Number(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
