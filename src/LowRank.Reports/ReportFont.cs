using SkiaSharp;

namespace LowRank.Reports;

/// <summary>
/// The typeface every figure and panel uses: DejaVu Sans, embedded in this assembly. Bundled because SkiaSharp's
/// Linux "NoDependencies" build finds no typeface at all on a machine without system fonts (ScottPlot then draws
/// plots with no title, labels or tick numbers), and because one fixed font makes figures look the same everywhere.
/// </summary>
internal static class ReportFont
{
    /// <summary>The family name under which the bundled font is registered with ScottPlot.</summary>
    public const string FamilyName = "LowRank DejaVu Sans";

    private static readonly Lazy<SKTypeface> Bundled = new(Load);
    private static readonly object RegistrationLock = new();
    private static bool registered;

    /// <summary>The bundled typeface (falls back to <see cref="SKTypeface.Default"/> if the resource is missing).</summary>
    public static SKTypeface Typeface => Bundled.Value;

    /// <summary>Registers the bundled font with ScottPlot under <see cref="FamilyName"/>, once per process.</summary>
    public static void EnsureRegisteredWithScottPlot()
    {
        lock (RegistrationLock)
        {
            if (registered) return;
            ScottPlot.Fonts.FontResolvers.Insert(0, new BundledFontResolver());
            registered = true;
        }
    }

    private static SKTypeface Load()
    {
        using Stream? resource = typeof(ReportFont).Assembly.GetManifestResourceStream("LowRank.Reports.DejaVuSans.ttf");
        if (resource is null) return SKTypeface.Default;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data) ?? SKTypeface.Default;
    }

    private sealed class BundledFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            fontName == FamilyName ? Typeface : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == FamilyName ? Typeface : null;
    }
}
