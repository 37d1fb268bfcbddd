using System.Globalization;
using System.Text;
using ScottPlot;

namespace LowRank.Reports;

/// <summary>
/// Log-scale support for ScottPlot 5, which has no log axis: series are plotted as log10 of the data and the axis
/// gets decade ticks labelled 10ⁿ, with minor ticks at 2..9 × 10ⁿ (or at every decade when the span is wide).
/// </summary>
internal static class LogTicks
{
    /// <summary>Configures the left axis of <paramref name="plot"/> for log10 data spanning [minLog, maxLog].</summary>
    public static void ApplyToLeftAxis(Plot plot, double minLog, double maxLog)
    {
        double lo = Math.Floor(minLog), hi = Math.Ceiling(maxLog);
        if (hi <= lo) hi = lo + 1;
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = Label,
            MinorTickGenerator = new DecadeMinorTicks(hi - lo),
        };
        plot.Axes.Left.TickGenerator = ticks;
        double pad = 0.03 * (hi - lo);
        plot.Axes.SetLimitsY(lo - pad, hi + pad);
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;
    }

    /// <summary>"10" followed by the exponent in superscript digits, e.g. 10⁻³.</summary>
    public static string Label(double log10Value)
    {
        int exponent = (int)Math.Round(log10Value);
        var text = new StringBuilder("10");
        foreach (char c in exponent.ToString(CultureInfo.InvariantCulture))
            text.Append(c switch
            {
                '-' => '⁻',
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                _ => '⁹',
            });
        return text.ToString();
    }

    private sealed class DecadeMinorTicks(double decades) : IMinorTickGenerator
    {
        public IEnumerable<double> GetMinorTicks(double[] majorPositions, CoordinateRange visibleRange)
        {
            double from = Math.Floor(visibleRange.Min), to = Math.Ceiling(visibleRange.Max);
            for (double d = from; d <= to; d++)
            {
                if (decades > 10)
                {
                    if (visibleRange.Contains(d)) yield return d;
                    continue;
                }
                for (int m = 2; m <= 9; m++)
                {
                    double y = d + Math.Log10(m);
                    if (visibleRange.Contains(y)) yield return y;
                }
            }
        }
    }
}
