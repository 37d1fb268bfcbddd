using System.Globalization;
using LowRank.Completion;

namespace LowRank.IO;

/// <summary>
/// One new user's ratings, to fold into a saved model: a line <c>item,rating</c> per rated item (any separator of
/// <see cref="IdLines"/>; the first line is a header when its rating is not a number). Every bad line is an
/// <see cref="InvalidInputException"/> "file: line N: ...": a field count other than 2, an empty item id, a rating
/// that is not a finite number or lies outside the model's scale, an item rated twice.
/// </summary>
public static class UserRatingsFile
{
    /// <summary>The (item id, rating) pairs in file order.</summary>
    public static IReadOnlyList<(string Item, double Rating)> Read(string path, RatingScale scale)
    {
        var ratings = new List<(string, double)>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = IdLines.Read(path);
        for (int t = 0; t < lines.Count; t++)
        {
            var (fields, line) = lines[t];
            if (fields.Length != 2)
                throw InputFile.Error(path, $"line {line} has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; a new user's rating is item,rating");
            bool number = double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double rating);
            if (t == 0 && !number) continue;
            if (fields[0].Length == 0) throw InputFile.Error(path, $"line {line}: the item id (field 1) is empty");
            if (!number || !double.IsFinite(rating))
                throw InputFile.Error(path, $"line {line}: the rating (field 2) {InputFile.Quote(fields[1])} is not a finite number");
            if (!scale.Contains(rating))
                throw InputFile.Error(path, $"line {line}: the rating {fields[1]} is outside the model's scale {scale}");
            if (!firstLine.TryAdd(fields[0], line))
                throw InputFile.Error(path, $"line {line}: item {fields[0]} is rated again (first on line {firstLine[fields[0]]})");
            ratings.Add((fields[0], rating));
        }
        if (ratings.Count == 0) throw InputFile.Error(path, "no ratings: the file is empty or has only a header");
        return ratings;
    }
}
