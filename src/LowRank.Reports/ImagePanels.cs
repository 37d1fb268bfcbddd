using System.Globalization;
using LowRank.IO;
using LowRank.Linalg;
using SkiaSharp;

namespace LowRank.Reports;

/// <summary>
/// Renders matrices as images side by side, each with a caption underneath, into one PNG (written atomically) —
/// e.g. an image next to its rank-k approximations, or heat maps of small matrices.
/// </summary>
/// <remarks>
/// <para>Layout: panels are top-aligned in one row. Each panel sits centred in a column
/// max(panel width, <see cref="MinColumnWidth"/>) wide; columns are separated from each other and from the image
/// edges by <see cref="Margin"/> pixels, so the image is
/// <c>Margin + Σ (max(panelWidthᵢ, MinColumnWidth) + Margin)</c> pixels wide. The first panel's top-left pixel is
/// at (<see cref="Margin"/> + centring offset, <see cref="Margin"/>). Captions are wrapped to the column width
/// (at most three lines, then an ellipsis).</para>
/// <para>Values: entry (i, j) becomes pixel (x = j, y = i) of its panel. Grey values are clamped to 0..255 (0 is
/// black), or with <c>normalize</c> the panel's own finite minimum..maximum is mapped to 0..255 (a constant panel
/// becomes mid-grey) and the range is printed under the caption. NaN entries (missing values) are drawn red.</para>
/// <para>Scaling: a panel is drawn at one pixel per entry, enlarged by an integer factor with nearest-neighbour
/// sampling until its longer side reaches <c>minPanelSize</c> (so each cell of a small matrix is a visible block),
/// and reduced (smoothly, with mipmaps) to at most <c>maxPanelWidth</c> pixels wide.</para>
/// </remarks>
public static class ImagePanels
{
    /// <summary>Space in pixels around the image and between columns.</summary>
    public const int Margin = 16;

    /// <summary>Narrowest column, so that a caption under a small panel still has room.</summary>
    public const int MinColumnWidth = 120;

    /// <summary>Smallest longer side of a heat-map panel (see <see cref="HeatMap"/>).</summary>
    public const int DefaultHeatMapPanelSize = 160;

    private const float CaptionFontSize = 14;
    private const float NoteFontSize = 12;
    private const int CaptionGap = 8;
    private const int MaxCaptionLines = 3;
    private static readonly (byte R, byte G, byte B) Missing = (220, 60, 60);

    /// <summary>Grey panels: values 0..255 (clamped), or min..max mapped to 0..255 when <paramref name="normalize"/>.</summary>
    public static void SideBySide(string path, IReadOnlyList<(string Caption, Matrix Grey)> panels, int? maxPanelWidth = null,
        bool normalize = false, int minPanelSize = 0)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var rendered = panels.Select(p => GreyPanel(p.Caption, p.Grey, normalize)).ToList();
        Render(path, rendered, maxPanelWidth, minPanelSize);
    }

    /// <summary>
    /// Colour panels: 1 channel (grey), 2 (grey + alpha), 3 (red, green, blue) or 4 (RGB + alpha), values 0..255
    /// clamped; alpha is composited over the white background.
    /// </summary>
    public static void SideBySide(string path, IReadOnlyList<(string Caption, IReadOnlyList<Matrix> Channels)> panels,
        int? maxPanelWidth = null, int minPanelSize = 0)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var rendered = panels.Select(p => ColourPanel(p.Caption, p.Channels)).ToList();
        Render(path, rendered, maxPanelWidth, minPanelSize);
    }

    /// <summary>
    /// Decoded images (grey or RGB, values 0..255 clamped, alpha composited over the white background), e.g. an
    /// image next to its rank-k approximations.
    /// </summary>
    public static void SideBySide(string path, IReadOnlyList<(string Caption, ImageData Image)> panels,
        int? maxPanelWidth = null, int minPanelSize = 0)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var rendered = panels.Select(p =>
        {
            ArgumentNullException.ThrowIfNull(p.Image);
            var channels = p.Image.Alpha is null ? p.Image.Channels : [.. p.Image.Channels, p.Image.Alpha];
            if (channels.Count > 0 && (channels[0].Cols != p.Image.Width || channels[0].Rows != p.Image.Height))
                throw new ArgumentException($"panel '{p.Caption}': image says {p.Image.Width}×{p.Image.Height}, channels are {channels[0].Cols}×{channels[0].Rows}", nameof(panels));
            return ColourPanel(p.Caption, channels);
        }).ToList();
        Render(path, rendered, maxPanelWidth, minPanelSize);
    }

    /// <summary>
    /// Heat maps of arbitrary matrices: each panel's min..max mapped to black..white (range printed under the
    /// caption) and enlarged with nearest-neighbour sampling so its longer side is at least
    /// <paramref name="minPanelSize"/> pixels — a 2×3 matrix becomes 6 visible blocks. With
    /// <paramref name="sharedScale"/> all panels use the common min..max, so that e.g. A and its approximation A_k
    /// can be compared shade for shade.
    /// </summary>
    public static void HeatMap(string path, IReadOnlyList<(string Caption, Matrix Values)> panels,
        int minPanelSize = DefaultHeatMapPanelSize, int? maxPanelWidth = null, bool sharedScale = false)
    {
        ArgumentNullException.ThrowIfNull(panels);
        (double Min, double Max)? range = null;
        if (sharedScale)
        {
            var all = panels.SelectMany(p => p.Values.Data).Where(double.IsFinite).ToList();
            if (all.Count > 0) range = (all.Min(), all.Max());
        }
        var rendered = panels.Select(p => GreyPanel(p.Caption, p.Values, normalize: true, range)).ToList();
        Render(path, rendered, maxPanelWidth, minPanelSize);
    }

    private sealed record Panel(string Caption, string? Note, int Rows, int Cols, byte[] Rgba);

    private static Panel GreyPanel(string caption, Matrix grey, bool normalize, (double Min, double Max)? range = null)
    {
        ArgumentNullException.ThrowIfNull(grey);
        CheckNotEmpty(caption, grey);
        double offset = 0, scale = 1;
        string? note = null;
        if (normalize)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            if (range is var (lo, hi))
            {
                (min, max) = (lo, hi);
            }
            else
            {
                foreach (double v in grey.Data)
                {
                    if (!double.IsFinite(v)) continue;
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
            if (min > max)
            {
                note = "no finite values";
            }
            else if (max > min)
            {
                offset = min;
                scale = 255.0 / (max - min);
                note = $"black {Format(min)}, white {Format(max)}";
            }
            else
            {
                offset = min - 127.5;
                note = $"constant {Format(min)}";
            }
        }
        var rgba = new byte[grey.Rows * grey.Cols * 4];
        for (int i = 0; i < grey.Rows; i++)
        {
            for (int j = 0; j < grey.Cols; j++)
            {
                double v = grey[i, j];
                int at = (i * grey.Cols + j) * 4;
                if (double.IsNaN(v))
                {
                    (rgba[at], rgba[at + 1], rgba[at + 2]) = Missing;
                }
                else
                {
                    byte g = ToByte((v - offset) * scale);
                    rgba[at] = rgba[at + 1] = rgba[at + 2] = g;
                }
                rgba[at + 3] = 255;
            }
        }
        return new Panel(caption ?? "", note, grey.Rows, grey.Cols, rgba);
    }

    private static Panel ColourPanel(string caption, IReadOnlyList<Matrix> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count is < 1 or > 4)
            throw new ArgumentException($"panel '{caption}' has {channels.Count} channels; expected 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA)", nameof(channels));
        var first = channels[0];
        CheckNotEmpty(caption, first);
        foreach (var c in channels)
        {
            if (c.Rows != first.Rows || c.Cols != first.Cols)
                throw new ArgumentException($"panel '{caption}': channels of different sizes ({first.Rows}×{first.Cols} and {c.Rows}×{c.Cols})", nameof(channels));
        }
        bool hasAlpha = channels.Count is 2 or 4;
        int colourCount = hasAlpha ? channels.Count - 1 : channels.Count;
        Matrix? alpha = hasAlpha ? channels[^1] : null;
        var rgba = new byte[first.Rows * first.Cols * 4];
        for (int i = 0; i < first.Rows; i++)
        {
            for (int j = 0; j < first.Cols; j++)
            {
                int at = (i * first.Cols + j) * 4;
                double a = alpha is null ? 1 : Math.Clamp(alpha[i, j], 0, 255) / 255.0;
                if (double.IsNaN(a)) a = 1;
                for (int c = 0; c < 3; c++)
                {
                    double v = channels[colourCount == 1 ? 0 : c][i, j];
                    rgba[at + c] = double.IsNaN(v)
                        ? c == 0 ? Missing.R : c == 1 ? Missing.G : Missing.B
                        : ToByte(Math.Clamp(v, 0, 255) * a + 255 * (1 - a));
                }
                rgba[at + 3] = 255;
            }
        }
        return new Panel(caption ?? "", null, first.Rows, first.Cols, rgba);
    }

    private static void Render(string path, List<Panel> panels, int? maxPanelWidth, int minPanelSize)
    {
        if (panels.Count == 0) throw new ArgumentException("no panels to render", nameof(panels));
        if (maxPanelWidth is < 1) throw new ArgumentOutOfRangeException(nameof(maxPanelWidth), "must be at least 1 pixel");
        ArgumentOutOfRangeException.ThrowIfNegative(minPanelSize);

        using var captionFont = new SKFont(ReportFont.Typeface, CaptionFontSize) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var noteFont = new SKFont(ReportFont.Typeface, NoteFontSize) { Edging = SKFontEdging.Antialias, Subpixel = true };

        var sizes = panels.Select(p => PanelSize(p, maxPanelWidth, minPanelSize)).ToList();
        var columns = sizes.Select(s => Math.Max(s.Width, MinColumnWidth)).ToList();
        var captions = panels.Select((p, k) => Wrap(p.Caption, captionFont, columns[k])).ToList();
        long width = Margin + columns.Sum(c => (long)c + Margin);
        int panelHeight = sizes.Max(s => s.Height);
        float captionLine = captionFont.Spacing, noteLine = noteFont.Spacing;
        float captionBlock = captions.Max(c => c.Count) * captionLine + (panels.Any(p => p.Note is not null) ? noteLine : 0);
        long height = Margin + panelHeight + CaptionGap + (long)Math.Ceiling(captionBlock) + Margin;
        if (width * height > 1L << 28)
            throw new ArgumentException($"the panels make a {width}×{height} image, too large; pass maxPanelWidth", nameof(panels));

        var info = new SKImageInfo((int)width, (int)height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"cannot allocate a {width}×{height} image");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var textPaint = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true };
        using var notePaint = new SKPaint { Color = new SKColor(0x60, 0x60, 0x60), IsAntialias = true };
        using var borderPaint = new SKPaint { Color = new SKColor(0xC8, 0xC8, 0xC8), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };

        int x = Margin;
        for (int k = 0; k < panels.Count; k++)
        {
            var panel = panels[k];
            var (w, h) = sizes[k];
            int left = x + (columns[k] - w) / 2;
            var target = new SKRect(left, Margin, left + w, Margin + h);
            using (var image = SKImage.FromPixelCopy(new SKImageInfo(panel.Cols, panel.Rows, SKColorType.Rgba8888, SKAlphaType.Opaque), panel.Rgba))
            {
                var sampling = w >= panel.Cols
                    ? new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None)
                    : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
                canvas.DrawImage(image, target, sampling);
            }
            canvas.DrawRect(new SKRect(target.Left - 0.5f, target.Top - 0.5f, target.Right + 0.5f, target.Bottom + 0.5f), borderPaint);

            float centre = x + columns[k] / 2f;
            float baseline = Margin + panelHeight + CaptionGap - captionFont.Metrics.Ascent;
            foreach (string line in captions[k])
            {
                canvas.DrawText(line, centre, baseline, SKTextAlign.Center, captionFont, textPaint);
                baseline += captionLine;
            }
            if (panel.Note is not null)
            {
                string note = Wrap(panel.Note, noteFont, columns[k], maxLines: 1)[0];
                canvas.DrawText(note, centre, baseline - captionFont.Metrics.Ascent + noteFont.Metrics.Ascent, SKTextAlign.Center, noteFont, notePaint);
            }
            x += columns[k] + Margin;
        }

        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }

    private static (int Width, int Height) PanelSize(Panel panel, int? maxPanelWidth, int minPanelSize)
    {
        double scale = 1;
        int longer = Math.Max(panel.Rows, panel.Cols);
        if (longer < minPanelSize) scale = Math.Ceiling((double)minPanelSize / longer);
        if (maxPanelWidth is int max && panel.Cols * scale > max)
            scale = scale > 1 && max >= panel.Cols ? Math.Floor((double)max / panel.Cols) : (double)max / panel.Cols;
        return (Math.Max(1, (int)Math.Round(panel.Cols * scale)), Math.Max(1, (int)Math.Round(panel.Rows * scale)));
    }

    /// <summary>Greedy word wrap to <paramref name="width"/> pixels; an over-long last line ends in an ellipsis.</summary>
    private static List<string> Wrap(string text, SKFont font, float width, int maxLines = MaxCaptionLines)
    {
        var lines = new List<string>();
        string current = "";
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (int w = 0; w < words.Length; w++)
        {
            string candidate = current.Length == 0 ? words[w] : current + " " + words[w];
            if (current.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(current);
                current = words[w];
                if (lines.Count == maxLines)
                {
                    lines[^1] = Ellipsize(string.Join(' ', words.Skip(w).Prepend(lines[^1])), font, width);
                    return lines;
                }
            }
            else
            {
                current = candidate;
            }
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        for (int l = 0; l < lines.Count; l++) lines[l] = Ellipsize(lines[l], font, width);
        return lines;
    }

    private static string Ellipsize(string line, SKFont font, float width)
    {
        if (font.MeasureText(line) <= width) return line;
        int keep = line.Length;
        while (keep > 0 && font.MeasureText(line[..keep].TrimEnd() + "…") > width) keep--;
        return line[..keep].TrimEnd() + "…";
    }

    private static void CheckNotEmpty(string caption, Matrix m)
    {
        if (m.Rows == 0 || m.Cols == 0) throw new ArgumentException($"panel '{caption}' is an empty {m.Rows}×{m.Cols} matrix");
    }

    private static byte ToByte(double v) => double.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(Math.Round(v), 0, 255);

    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
