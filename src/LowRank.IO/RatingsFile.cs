using System.Globalization;
using System.Text;
using LowRank.Completion;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// Ratings files, one rating per line: <c>user item rating [timestamp]</c>. The separator is taken from the first data
/// line, unless <see cref="TextReadOptions.Delimiter"/> gives it: "::" (MovieLens 1M/10M <c>ratings.dat</c>), else the
/// single-line rule of <see cref="DelimiterDetection.InLine"/>: tab (MovieLens 100k <c>u.data</c>), semicolon, comma (CSV,
/// e.g. MovieLens <c>ratings.csv</c>; never with a decimal comma), else runs of spaces. With
/// <see cref="TextReadOptions.DecimalComma"/> ratings are written 3,5 (refused with a comma separator). Blank lines and lines starting with '#' are skipped; the first data line is
/// a header when its rating field is not a number. Ids are arbitrary strings (see <see cref="IdMap"/> for their
/// indices); the timestamps are kept (<see cref="RatingsData.Timestamps"/>) when every line has an integer 4th field, for
/// temporal splits. Every bad line is an <see cref="InvalidInputException"/> "file: line N: ...":
/// a field count other than 3 or 4, an empty id, a rating that is not a finite number, a rating outside the given
/// scale, or a user–item pair rated twice (naming both lines). Without a scale, the scale is the observed
/// minimum–maximum (1–5 on MovieLens).
/// </summary>
public static class RatingsFile
{
    public static RatingsData Read(string path, RatingScale? scale = null, TextReadOptions? text = null) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(path, reader, scale, text ?? TextReadOptions.Default);
    });

    /// <summary>Whether <paramref name="path"/> names a ratings file by its extension (.data, .dat, optionally .gz).</summary>
    public static bool IsRatingsFile(string path) => FileKinds.Of(path) == FileKind.Ratings;

    /// <summary>The ratings as a sparse users × items matrix (rows and columns in <see cref="IdMap"/> order), with the id maps.</summary>
    public static MatrixContent ReadMatrix(string path, TextReadOptions? text = null)
    {
        RatingsData data = Read(path, null, text);
        RatingSet r = data.Ratings;
        var matrix = CsrMatrix.FromCoordinates(r.UserCount, r.ItemCount, r.Users, r.Items, r.Values);
        return MatrixContent.FromSparse(matrix) with { RowIds = data.Users, ColumnIds = data.Items };
    }

    /// <summary>
    /// A training file and a test file over one index space (the union of their ids): the test ratings of users or
    /// items the training file never mentions are kept and counted as cold-start (<see cref="RatingsTestData"/>), not
    /// refused. A pair rated in both files is an error naming the test line. The scale is the given one, else the
    /// range observed over both files.
    /// </summary>
    public static RatingsTestData ReadWithTest(string trainPath, string testPath, RatingScale? scale = null, TextReadOptions? text = null)
    {
        var options = text ?? TextReadOptions.Default;
        var train = InputFile.Guard(trainPath, () => ParseLines(trainPath, scale, options));
        var test = InputFile.Guard(testPath, () => ParseLines(testPath, scale, options));
        var users = new IdMap(train.Users.Concat(test.Users));
        var items = new IdMap(train.Items.Concat(test.Items));
        var range = scale ?? new RatingScale(Math.Min(train.Values.Min(), test.Values.Min()), Math.Max(train.Values.Max(), test.Values.Max()));
        var trainData = Build(trainPath, train, users, items, range);
        var testData = Build(testPath, test, users, items, range);
        var trainSet = trainData.Ratings;
        var seen = new HashSet<long>(trainSet.Count);
        for (int e = 0; e < trainSet.Count; e++) seen.Add((long)trainSet.Users[e] * items.Count + trainSet.Items[e]);
        var testSet = testData.Ratings;
        int cold = 0;
        for (int e = 0; e < testSet.Count; e++)
        {
            int u = testSet.Users[e], i = testSet.Items[e];
            if (seen.Contains((long)u * items.Count + i))
                throw InputFile.Error(testPath, $"line {test.Lines[e]}: user {users[u]} rates item {items[i]} in the training file {trainPath} too; "
                    + "a test rating must be held out of training");
            if (trainSet.EntriesOfUser(u).Length == 0 || trainSet.EntriesOfItem(i).Length == 0) cold++;
        }
        return new RatingsTestData(trainData, testSet, cold);
    }

    private static RatingsData Parse(string path, TextReader reader, RatingScale? scale, TextReadOptions text)
    {
        var lines = ParseLines(path, reader, scale, text);
        var users = new IdMap(lines.Users);
        var items = new IdMap(lines.Items);
        return Build(path, lines, users, items, scale ?? new RatingScale(lines.Values.Min(), lines.Values.Max()));
    }

    private static ParsedLines ParseLines(string path, RatingScale? scale, TextReadOptions text)
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ParseLines(path, reader, scale, text);
    }

    /// <summary>The ratings in the given id maps, each pair once (a repeat names both lines).</summary>
    private static RatingsData Build(string path, ParsedLines parsed, IdMap users, IdMap items, RatingScale range)
    {
        int count = parsed.Values.Count;
        var u = new int[count];
        var i = new int[count];
        var seen = new Dictionary<long, int>(count);
        for (int e = 0; e < count; e++)
        {
            users.TryGetIndex(parsed.Users[e], out u[e]);
            items.TryGetIndex(parsed.Items[e], out i[e]);
            long key = (long)u[e] * items.Count + i[e];
            if (!seen.TryAdd(key, parsed.Lines[e]))
                throw InputFile.Error(path, $"line {parsed.Lines[e]}: user {parsed.Users[e]} rates item {parsed.Items[e]} again (first on line {seen[key]}); "
                    + "each user–item pair may appear once");
        }
        return new RatingsData(new RatingSet(users.Count, items.Count, u, i, [.. parsed.Values], range), users, items,
            parsed.Timestamps.Count == count ? [.. parsed.Timestamps] : null);
    }

    /// <summary>The fields of a file's rating lines, in file order; timestamps only while every line has one.</summary>
    private sealed record ParsedLines(List<string> Users, List<string> Items, List<double> Values, List<int> Lines, List<long> Timestamps);

    private static ParsedLines ParseLines(string path, TextReader reader, RatingScale? scale, TextReadOptions text)
    {
        var parsed = new ParsedLines([], [], [], [], []);
        bool timestamps = true;
        string? separator = text.Delimiter is TextDelimiter d ? SeparatorOf(d) : null;
        bool first = true;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            separator ??= Separator(line, text.DecimalComma);
            text.CheckUnambiguous(path, separator == "," ? ',' : ' ');
            string[] fields = separator == " "
                ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                : line.Split(separator);
            if (fields.Length is not (3 or 4))
                throw InputFile.Error(path, $"line {lineNumber} has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; "
                    + $"a ratings line is user{Shown(separator)}item{Shown(separator)}rating[{Shown(separator)}timestamp]");
            string user = fields[0].Trim(), item = fields[1].Trim(), ratingText = fields[2].Trim();
            string number = text.DecimalComma ? ratingText.Replace(',', '.') : ratingText;
            bool isNumber = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double rating);
            if (first && !isNumber)
            {
                first = false;
                continue;
            }
            first = false;
            if (user.Length == 0) throw InputFile.Error(path, $"line {lineNumber}: the user id (field 1) is empty");
            if (item.Length == 0) throw InputFile.Error(path, $"line {lineNumber}: the item id (field 2) is empty");
            if (!isNumber || !double.IsFinite(rating))
                throw InputFile.Error(path, $"line {lineNumber}: the rating (field 3) {InputFile.Quote(ratingText)} is not a finite number"
                    + (!text.DecimalComma && DelimitedCell.LooksLikeDecimalComma(ratingText) ? "; it looks like a decimal comma: read the file with --decimal-comma" : ""));
            if (scale is RatingScale s && !s.Contains(rating))
                throw InputFile.Error(path, $"line {lineNumber}: the rating (field 3) {ratingText} is outside the scale {s}");
            parsed.Users.Add(user);
            parsed.Items.Add(item);
            parsed.Values.Add(rating);
            parsed.Lines.Add(lineNumber);
            if (timestamps && fields.Length == 4
                && long.TryParse(fields[3].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long time))
                parsed.Timestamps.Add(time);
            else timestamps = false;
        }
        if (parsed.Values.Count == 0) throw InputFile.Error(path, "no ratings: the file is empty or has only a header");
        if (!timestamps) parsed.Timestamps.Clear();
        return parsed;
    }

    /// <summary>"::" (MovieLens 1M/10M), else the single-line rule of <see cref="DelimiterDetection.InLine"/> (whitespace as " ").</summary>
    internal static string Separator(string line, bool decimalComma = false) =>
        line.Contains("::", StringComparison.Ordinal) ? "::"
        : DelimiterDetection.InLine(line, decimalComma) is var c && c != DelimitedLine.Whitespace ? c.ToString() : " ";

    private static string SeparatorOf(TextDelimiter delimiter) => delimiter switch
    {
        TextDelimiter.Comma => ",",
        TextDelimiter.Semicolon => ";",
        TextDelimiter.Tab => "\t",
        _ => " ",
    };

    private static string Shown(string separator) => separator switch
    {
        "\t" => "<tab>",
        " " => " ",
        _ => separator,
    };

    /// <summary>Parses "lo:hi" (e.g. "1:5", "0.5:5") into a scale.</summary>
    public static RatingScale ParseScale(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double hi)
            && double.IsFinite(lo) && double.IsFinite(hi) && lo < hi)
            return new RatingScale(lo, hi);
        throw new InvalidInputException($"--scale must be MIN:MAX with MIN < MAX (e.g. 1:5), not '{text}'");
    }
}
