using System.Globalization;

namespace LowRank.IO;

/// <summary>What one cell of a delimited text file holds.</summary>
internal enum CellKind
{
    Number,
    Missing,
    Infinite,
    Text,
}

/// <summary>
/// Classifying and parsing the cells of delimited text files: InvariantCulture numbers, or with a decimal comma the
/// same numbers with ',' in place of '.'.
/// </summary>
internal static class DelimitedCell
{
    /// <summary>The spellings of a missing entry, compared case-insensitively (the empty cell is missing too).</summary>
    public static readonly string[] MissingMarkers = ["?", "NA", "NaN"];

    private static readonly string[] InfiniteSpellings =
        ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞", "+∞", "-∞"];

    public static CellKind Classify(ReadOnlySpan<char> cell, out double value, bool decimalComma = false)
    {
        cell = cell.Trim();
        if (decimalComma && cell.Contains(','))
        {
            if (cell.Contains('.')) { value = double.NaN; return CellKind.Text; } // "1.234,5": thousands separators are not read
            cell = cell.ToString().Replace(',', '.');
        }
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
            return CellKind.Number;
        value = double.NaN;
        if (cell.IsEmpty) return CellKind.Missing;
        foreach (string marker in MissingMarkers)
            if (cell.Equals(marker, StringComparison.OrdinalIgnoreCase)) return CellKind.Missing;
        foreach (string inf in InfiniteSpellings)
            if (cell.Equals(inf, StringComparison.OrdinalIgnoreCase)) return CellKind.Infinite;
        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? CellKind.Infinite : CellKind.Text;
    }

    /// <summary>Whether <paramref name="cell"/> would be a number if its comma were a decimal comma ("3,14").</summary>
    public static bool LooksLikeDecimalComma(string cell) =>
        Classify(cell, out _, decimalComma: true) == CellKind.Number && cell.Contains(',');

    /// <summary>Shortest text that parses back to the same double; NaN (missing) is written as "NaN".</summary>
    public static string Format(double x) =>
        double.IsNaN(x) ? "NaN" : x.ToString("R", CultureInfo.InvariantCulture);
}
