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
