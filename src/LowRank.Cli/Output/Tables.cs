using System.Globalization;
using LowRank.Approximation;
using LowRank.Experiments;
using LowRank.Completion.Evaluation;
using LowRank.Decompositions;
using LowRank.Linalg;
using Spectre.Console;

namespace LowRank.Cli.Output;

/// <summary>The human-readable renderings of command results (the JSON carries the same numbers).</summary>
internal static class Tables
{
    private const int ShownValues = 12;

    /// <summary>The singular values with the cumulative share of ‖A‖_F² they hold (of all of A, also when only k were computed).</summary>
    public static void Svd(CliContext context, string path, int rows, int cols, string method, string backend, SpectrumEnergy energy, double[] sigma, double seconds)
    {
        context.Console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {rows}×{cols}, {method} SVD on the {backend} backend in {Seconds(seconds)}");
        var table = new Table().AddColumns("i", "σ_i", "cumulative energy (of ‖A‖_F²)");
        table.Columns[0].RightAligned();
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        for (int i = 0; i < sigma.Length; i++)
        {
            if (i < ShownValues || i == sigma.Length - 1)
                table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Number(sigma[i]), Percent(energy.Cumulative[i]));
            else if (i == ShownValues)
                table.AddRow("…", $"({sigma.Length - ShownValues - 1} more)", "");
        }
        context.Console.Write(table);
    }

    /// <summary>The principal components: explained variance, its share and the cumulative share of each.</summary>
    public static void Pca(CliContext context, string path, int rows, int cols, string method, double[] variance, double[] ratio, double seconds)
    {
        context.Console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {rows}×{cols}, {variance.Length} components by the {method} SVD of the centred matrix in {seconds:0.###} s");
        var table = new Table().AddColumns("component", "explained variance", "ratio", "cumulative");
        double cumulative = 0;
        for (int i = 0; i < variance.Length; i++)
        {
            cumulative += ratio[i];
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), variance[i].ToString("G6", CultureInfo.InvariantCulture),
                ratio[i].ToString("P2", CultureInfo.InvariantCulture), cumulative.ToString("P2", CultureInfo.InvariantCulture));
        }
        foreach (var column in table.Columns) column.RightAligned();
        context.Console.Write(table);
    }

    public static void Approximation(CliContext context, string path, IReadOnlyList<RankKApproximation> channels)
    {
        var first = channels[0];
        string shape = channels.Count == 1 ? $"{first.Rows}×{first.Cols}" : $"{first.Rows}×{first.Cols}, {channels.Count} channels";
        context.Console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {shape}");
        var table = new Table().AddColumn("").AddColumns(channels.Count == 1 ? ["value"] : channels.Select((_, c) => $"channel {c}").ToArray());
        void Row(string label, Func<RankKApproximation, string> cell) =>
            table.AddRow([label, .. channels.Select(cell)]);
        Row("rank k", a => a.Rank.ToString(CultureInfo.InvariantCulture));
        Row("method", a => a.Method.ToString().ToLowerInvariant());
        Row("σ_(k+1)", a => Number(a.SigmaNext) + (a.SpectralErrorEstimated && a.Spectrum is null ? " (est.)" : ""));
        Row("‖A−A_k‖₂ / ‖A‖₂", a => Number(a.RelErrorSpectral) + (a.SpectralErrorEstimated ? " (est.)" : ""));
        Row("‖A−A_k‖_F / ‖A‖_F", a => Number(a.RelErrorFrobenius));
        Row("numerical rank of A", a => (a.NumericalRankIsLowerBound ? "≥ " : "") + a.NumericalRank.ToString(CultureInfo.InvariantCulture));
        Row("stored numbers k(m+n+1)", a => a.StoredNumbers.ToString("N0", CultureInfo.InvariantCulture));
        Row("storage ratio vs the dense m·n", a => Percent(a.StorageRatio));
        if (channels.Any(a => a.StorageRatioToNonzeros is not null))
            Row("storage ratio vs stored nonzeros", a => a.StorageRatioToNonzeros is double r ? Percent(r) : "—");
        Row("time", a => Seconds(a.Seconds));
        context.Console.Write(table);
    }

    public static void NnApproximation(CliContext context, string path, BottleneckRun run)
    {
        string shape = run.Channels.Count == 1 ? $"{run.Rows}×{run.Cols}" : $"{run.Rows}×{run.Cols}×{run.Channels.Count} (‖·‖₂: worst channel)";
        context.Console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {shape}, {BottleneckNames.Of(run.Design)} network, {BottleneckNames.Of(run.Objective)}, " +
            $"{run.Epochs} epochs, {run.Channels.Sum(c => c.Parameters).ToString("N0", CultureInfo.InvariantCulture)} weights");
        var table = new Table().AddColumns("", "network", "SVD (optimum)", "network / SVD");
        for (int c = 1; c < 4; c++) table.Columns[c].RightAligned();
        table.AddRow("‖A−W‖₂ / ‖A‖₂", Number(run.NnRelErrorSpectral), Number(run.SvdRelErrorSpectral), RatioCell(run.RatioSpectral, run.SvdRelErrorSpectral));
        table.AddRow("‖A−W‖_F / ‖A‖_F", Number(run.NnRelErrorFrobenius), Number(run.SvdRelErrorFrobenius), RatioCell(run.RatioFrobenius, run.SvdRelErrorFrobenius));
        table.AddRow("rank of W", $"{run.NumericalRank} ({(run.RankCheckPassed ? "≤" : "[red]>[/]")} k = {run.Rank})", run.Rank.ToString(CultureInfo.InvariantCulture), "");
        table.AddRow("time", Seconds(run.Seconds), "", run.SecondsTo101 is double t ? $"≤ 1.01× after {Seconds(t)}" : "never ≤ 1.01×");
        context.Console.Write(table);
    }

    private static string RatioCell(double ratio, double svdError) =>
        BottleneckJson.Ratio(ratio, svdError) is double r ? Number(r) : "— (SVD exact)";

    /// <summary>
    /// One row per method: mean errors and top-N scores over the folds, the tuned setting, time, and Surprise's published
    /// figures; then the protocol.
    /// </summary>
    public static void Evaluation(CliContext context, IReadOnlyList<EvaluationResult> results, EvaluationProtocol protocol)
    {
        int n = results[0].TopN;
        bool rated = results.Any(r => r.Rmse is not null), tuned = protocol.Tune;
        var header = new List<(string Name, bool Number)> { ("method", false) };
        if (rated) header.AddRange([("RMSE", true), ("MAE", true)]);
        header.AddRange([($"prec@{n}", true), ($"recall@{n}", true), ($"MAP@{n}", true), ($"NDCG@{n}", true), ($"hit@{n}", true), ("coverage", true)]);
        if (tuned) header.Add(("tuned (per fold)", false));
        header.Add(("time", true));
        if (rated) header.Add(("Surprise (ML-100k) RMSE / MAE", false));
        var table = new Table().AddColumns(header.Select(h => h.Number ? new TableColumn(Markup.Escape(h.Name)).RightAligned() : new TableColumn(Markup.Escape(h.Name))).ToArray());
        foreach (var r in results)
        {
            var row = new List<string> { r.Method };
            if (rated) row.AddRange([Fixed(r.Rmse), Fixed(r.Mae)]);
            row.AddRange([Fixed(r.Precision), Fixed(r.Recall), Fixed(r.Map), Fixed(r.Ndcg), Fixed(r.HitRate), Percent(r.Coverage)]);
            if (tuned) row.Add(TunedSettings(r));
            row.Add(Seconds(r.Seconds));
            if (rated) row.Add(SurpriseReference.For(r.Method) is { } s ? $"{s.Rmse:0.000} / {s.Mae:0.000} {s.SurpriseName}" : "");
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        context.Console.Write(table);
        int cold = results[0].Folds.Sum(f => f.ColdStart), tested = results[0].Folds.Sum(f => f.TestCount);
        context.Output.WriteLine($"Protocol: {protocol.Describe()}");
        context.Output.WriteLine($"Means over {results[0].Folds.Count} training/test pair{(results[0].Folds.Count == 1 ? "" : "s")}; "
            + $"{tested:N0} test ratings, {cold:N0} cold-start (user or item without training ratings: predicted by the baseline); "
            + $"RMSE/MAE on predictions clipped to the scale; relevant = held-out rating ≥ {results[0].RelevanceThreshold:G4}."
            + (rated ? " Surprise's figures are its published 5-fold results on MovieLens 100k with untuned defaults (other data or protocols: not comparable)." : ""));
    }

    /// <summary>The settings tuning chose on each fold, e.g. "rank 10, λ 1.2 (×4); rank 20, λ 1.2".</summary>
    public static string TunedSettings(EvaluationResult r) =>
        string.Join("; ", r.Folds.Where(f => f.Tuning is not null).GroupBy(f => f.Tuning!.Chosen.Label)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} (×{g.Count()})"));

    private static string Fixed(double? x) => x is double v ? Fixed(v) : "—";

    /// <summary>A matrix as nested lists, e.g. "[[6, 12, 12], [2, 4, 4]]": missing entries as ?, round-off below 10⁻¹² as 0.</summary>
    public static string MatrixText(Matrix m, string format) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.Rows).Select(i => RowText(m, i, format))) + "]";

    /// <summary>Row <paramref name="i"/> of <see cref="MatrixText"/>.</summary>
    public static string RowText(Matrix m, int i, string format) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.Cols).Select(j => m[i, j] switch
        {
            double.NaN => "?",
            var x when Math.Abs(x) < 1e-12 => "0",
            var x => x.ToString(format, CultureInfo.InvariantCulture),
        })) + "]";

    private static string Fixed(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A plain table: the header, then one row of cells per entry, every cell escaped (no markup).</summary>
    public static Table Grid(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().AddColumns(header.Select(h => new TableColumn(Markup.Escape(h))).ToArray());
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        return table;
    }

    /// <summary>
    /// An image's size in the one convention of every command, rows×columns as for any matrix, said explicitly since
    /// image tools often write width×height: "512×768 (rows×columns)" is 512 pixels high and 768 wide.
    /// </summary>
    public static string ImageSize(int height, int width) =>
        $"{height.ToString(CultureInfo.InvariantCulture)}×{width.ToString(CultureInfo.InvariantCulture)} (rows×columns)";

    public static string Number(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    public static string Percent(double x) => (100 * x).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Seconds(double s) => s < 1 ? $"{s * 1000:0.#} ms" : $"{s:0.##} s";
}
