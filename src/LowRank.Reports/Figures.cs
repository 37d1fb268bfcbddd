using System.Globalization;
using LowRank.IO;
using ScottPlot;

namespace LowRank.Reports;

/// <summary>
/// The figures of an experiment report, drawn with ScottPlot 5 and saved as PNG files (written atomically: the
/// target is replaced only by a complete image). Log-scale axes plot log10 of the data with decade ticks labelled
/// 10ⁿ; values that a log axis cannot show (zero, negative, NaN) are left out and the figure says how many.
/// Text uses a bundled DejaVu Sans, so figures render the same with or without system fonts.
/// </summary>
public static class Figures
{
    /// <summary>Default figure width in pixels.</summary>
    public const int DefaultWidth = 720;

    /// <summary>Default figure height in pixels.</summary>
    public const int DefaultHeight = 420;

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    /// <summary>
    /// The singular value spectrum σ₁ ≥ σ₂ ≥ … against the index i (1-based) on a log y-axis. Zero singular values
    /// (and any non-positive or non-finite value) cannot be shown on a log axis: they are omitted and an annotation
    /// says how many. With <paramref name="markRank"/> = k a dashed vertical line marks the chosen rank k.
    /// </summary>
    public static void SingularValueSpectrum(string path, IReadOnlyList<double> sigma, string title, int? markRank = null,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        CheckSize(width, height);
        var plot = NewPlot(title, "index i", "singular value σᵢ (log scale)");
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < sigma.Count; i++)
        {
            if (sigma[i] > 0 && double.IsFinite(sigma[i]))
            {
                xs.Add(i + 1);
                ys.Add(Math.Log10(sigma[i]));
            }
        }
        if (ys.Count > 0)
        {
            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            scatter.LegendText = "σᵢ";
            scatter.LineWidth = 1.5f;
            scatter.MarkerSize = sigma.Count <= 60 ? 6 : 0;
            LogTicks.ApplyToLeftAxis(plot, ys.Min(), ys.Max());
        }
        if (markRank is int k)
        {
            var line = plot.Add.VerticalLine(k, 1.5f, Colors.Red, LinePattern.Dashed);
            line.LegendText = $"rank k = {k.ToString(CultureInfo.InvariantCulture)}";
            plot.ShowLegend(Alignment.UpperRight);
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        int omitted = sigma.Count - ys.Count;
        if (ys.Count == 0) Note(plot, sigma.Count == 0 ? "no singular values" : "no positive singular values to show");
        else if (omitted > 0) Note(plot, $"{omitted.ToString(CultureInfo.InvariantCulture)} zero singular value{(omitted == 1 ? "" : "s")} not shown (log scale)");
        Save(plot, path, width, height);
    }

    /// <summary>
    /// One line with markers per series, <c>Values[j]</c> plotted at rank <c>ranks[j]</c>, with a legend; e.g. the
    /// relative error of several methods against the rank k. Every series must have one value per rank.
    /// </summary>
    public static void ErrorAgainstRank(string path, IReadOnlyList<int> ranks,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series, string title, string yLabel, bool logY,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (label, values) in series)
        {
            if (values.Count != ranks.Count)
                throw new ArgumentException($"series '{label}' has {values.Count} values for {ranks.Count} ranks", nameof(series));
        }
        var xs = ranks.Select(r => (double)r).ToArray();
        CheckSize(width, height);
        Save(LinePlot(title, "rank k", yLabel, OnShared(xs, series), logY, integerX: true), path, width, height);
    }

    /// <summary>
    /// General line chart: each series' <c>Values[j]</c> is plotted at x = j + <paramref name="firstIndex"/>
    /// (default 1, e.g. the epoch number of a loss curve), one colour and marker shape per series, with a legend.
    /// Long series are drawn without markers.
    /// </summary>
    public static void LinesAgainstIndex(string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series, bool logY,
        int width = DefaultWidth, int height = DefaultHeight, int firstIndex = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        int longest = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        var xs = Enumerable.Range(firstIndex, longest).Select(i => (double)i).ToArray();
        CheckSize(width, height);
        Save(LinePlot(title, xLabel, yLabel, OnShared(xs, series), logY, integerX: true), path, width, height);
    }

    /// <summary>
    /// General x–y line chart: each series is drawn through its points (X[j], Y[j]) in the given order, one colour and
    /// marker shape per series, with a legend outside the data area on the right (or inside, at the corner the caller
    /// names); e.g. a codec's quality against its bits per pixel, or accuracy against the number of weights kept, one
    /// line per rule.
    /// </summary>
    public static void Curves(string path, string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series, bool logY = false,
        int width = DefaultWidth, int height = DefaultHeight, Alignment? legend = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (label, x, y) in series)
        {
            if (x.Count != y.Count)
                throw new ArgumentException($"series '{label}' has {x.Count} x values and {y.Count} y values", nameof(series));
        }
        CheckSize(width, height);
        Save(LinePlot(title, xLabel, yLabel, series, logY, integerX: false, legend), path, width, height);
    }

    /// <summary>
    /// Histogram of <paramref name="values"/> with <paramref name="bins"/> equal-width bins between the smallest and
    /// largest finite value; non-finite values are left out and counted in an annotation.
    /// </summary>
    public static void Histogram(string path, IReadOnlyList<double> values, int bins, string title, string xLabel,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        CheckSize(width, height);
        var plot = NewPlot(title, xLabel, "count");
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            double min = finite.Min(), max = finite.Max();
            if (max <= min)
            {
                min -= 0.5;
                max += 0.5;
            }
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
            histogram.AddRange(finite);
            var bars = plot.Add.Histogram(histogram);
            foreach (var bar in bars.Bars) bar.LineWidth = 0;
            plot.Axes.Margins(bottom: 0);
        }
        else
        {
            Note(plot, "no finite values");
        }
        int omitted = values.Count - finite.Length;
        if (omitted > 0 && finite.Length > 0) Note(plot, $"{omitted.ToString(CultureInfo.InvariantCulture)} non-finite value{(omitted == 1 ? "" : "s")} not shown");
        Save(plot, path, width, height);
    }

    /// <summary>
    /// Grouped horizontal bars: one row per category (top to bottom in the given order), one bar per series in each
    /// row, with a legend outside the data area on the right; a NaN value draws no bar (e.g. a published figure that does not exist for that row). The
    /// x-axis starts at <paramref name="xMin"/> when given (for values that differ in their second digit), else at 0.
    /// </summary>
    public static void Bars(string path, string title, string xLabel, IReadOnlyList<string> categories,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series, double? xMin = null,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (label, values) in series)
        {
            if (values.Count != categories.Count)
                throw new ArgumentException($"series '{label}' has {values.Count} values for {categories.Count} categories", nameof(series));
        }
        CheckSize(width, height);
        var plot = NewPlot(title, xLabel, "");
        double start = xMin ?? 0, slot = 0.8 / Math.Max(1, series.Count);
        double max = double.NegativeInfinity;
        for (int s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (int c = 0; c < categories.Count; c++)
            {
                double v = series[s].Values[c];
                if (!double.IsFinite(v)) continue;
                max = Math.Max(max, v);
                // Row c sits at y = -c (first category on top); the series' bars are stacked within the row.
                bars.Add(new Bar { Position = -c + 0.4 - slot * (s + 0.5), Value = v, ValueBase = start, Size = slot * 0.9, LineWidth = 0 });
            }
            var plotted = plot.Add.Bars(bars);
            plotted.Horizontal = true;
            plotted.Color = plot.Add.Palette.GetColor(s);
            plotted.LegendText = series[s].Label;
        }
        plot.Axes.Left.SetTicks(categories.Select((_, c) => (double)-c).ToArray(), categories.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        if (double.IsFinite(max)) plot.Axes.SetLimitsX(start, max + (max - start) * 0.08);
        plot.Axes.SetLimitsY(-categories.Count + 0.5, 0.5);
        if (series.Count > 1) plot.ShowLegend(Edge.Right);
        if (!double.IsFinite(max)) Note(plot, "no values to show");
        Save(plot, path, width, height);
    }

    private static (string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)[] OnShared(double[] xs,
        IReadOnlyList<(string Label, IReadOnlyList<double> Values)> series) =>
        [.. series.Select(s => (s.Label, (IReadOnlyList<double>)xs, s.Values))];

    /// <summary>
    /// The floor of a log axis, relative to the largest value: 10⁻¹⁶, about double precision's unit roundoff. Values
    /// below it (e.g. the σᵢ ≈ 10⁻³⁰ of a rank-deficient matrix) are rounding noise; they are left out and counted
    /// in a note, instead of stretching the axis over 30 decades and squashing everything that matters.
    /// </summary>
    public const double LogFloor = 1e-16;

    /// <summary>
    /// The line charts' common body. The legend goes outside the data area on the right unless
    /// <paramref name="legend"/> names a corner inside it: a legend inside covers whichever curves pass its corner.
    /// </summary>
    internal static Plot LinePlot(string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series, bool logY, bool integerX,
        Alignment? legend = null)
    {
        double largest = logY ? series.SelectMany(s => s.Y).Where(v => double.IsFinite(v) && v > 0).DefaultIfEmpty(0).Max() : 0;
        bool clipped = logY && series.SelectMany(s => s.Y).Any(v => v > 0 && v < largest * LogFloor);
        var plot = NewPlot(title, xLabel, logY ? $"{yLabel} (log scale{(clipped ? ", from 10⁻¹⁶ × the largest" : "")})" : yLabel);
        double minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        int omitted = 0, belowFloor = 0;
        for (int s = 0; s < series.Count; s++)
        {
            var (label, xs, values) = series[s];
            var px = new List<double>();
            var py = new List<double>();
            for (int j = 0; j < values.Count && j < xs.Count; j++)
            {
                double v = values[j];
                if (!double.IsFinite(v) || (logY && v <= 0))
                {
                    omitted++;
                    continue;
                }
                if (logY && v < largest * LogFloor)
                {
                    belowFloor++;
                    continue;
                }
                double y = logY ? Math.Log10(v) : v;
                px.Add(xs[j]);
                py.Add(y);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
            }
            if (px.Count == 0) continue;
            var scatter = plot.Add.Scatter(px.ToArray(), py.ToArray());
            scatter.LegendText = label;
            scatter.LineWidth = 1.5f;
            scatter.MarkerShape = Shapes[s % Shapes.Length];
            scatter.MarkerSize = values.Count <= 60 ? 7 : 0;
        }
        if (logY && minY <= maxY) LogTicks.ApplyToLeftAxis(plot, minY, maxY);
        if (integerX) plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (series.Count > 0)
        {
            if (legend is Alignment corner) plot.ShowLegend(corner);
            else plot.ShowLegend(Edge.Right);
        }
        // Short enough to stay inside the data area; the axis label names the floor.
        int hidden = omitted + belowFloor;
        string why = (omitted > 0, belowFloor > 0) switch
        {
            (true, true) => "≤ 0, non-finite or below the floor",
            (false, true) => "below the floor",
            _ => logY ? "non-positive or non-finite" : "non-finite",
        };
        if (minY > maxY) Note(plot, "no values to show");
        else if (hidden > 0) Note(plot, $"{hidden.ToString(CultureInfo.InvariantCulture)} value{(hidden == 1 ? "" : "s")} not shown ({why})");
        return plot;
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        ReportFont.EnsureRegisteredWithScottPlot();
        var plot = new Plot();
        plot.Title(title ?? "");
        plot.XLabel(xLabel ?? "");
        plot.YLabel(yLabel ?? "");
        return plot;
    }

    private static void Note(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.LowerLeft);
        note.LabelFontName = ReportFont.FamilyName;
        note.LabelFontSize = 12;
        note.LabelShadowColor = Colors.Transparent;
        note.LabelBackgroundColor = Colors.White.WithOpacity(0.85);
        note.LabelBorderColor = Colors.Gray;
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        byte[] png = Render(plot, width, height);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>The PNG of <paramref name="plot"/> in the report's font (its layout is then in <c>plot.LastRender</c>).</summary>
    internal static byte[] Render(Plot plot, int width, int height)
    {
        // Set the font last: Font.Set applies to everything already added (axis labels, ticks, legend, annotations).
        plot.Font.Set(ReportFont.FamilyName);
        plot.Legend.FontName = ReportFont.FamilyName;
        plot.Legend.SetBestFontOnEachRender = false;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
    }
}
