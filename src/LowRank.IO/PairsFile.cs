namespace LowRank.IO;

/// <summary>
/// User–item pairs to predict: a line <c>user,item</c> per pair (any separator of <see cref="IdLines"/>); further
/// fields (a rating, a timestamp) are ignored, so a held-out ratings file serves as is. The first line is a header
/// when its first field starts with "user" (user,item; userId,movieId). A line with fewer than two fields or an empty
/// id is an <see cref="InvalidInputException"/> "file: line N: ...".
/// </summary>
public static class PairsFile
{
    /// <summary>The (user id, item id) pairs in file order.</summary>
    public static IReadOnlyList<(string User, string Item)> Read(string path)
    {
        var pairs = new List<(string, string)>();
        var lines = IdLines.Read(path);
        for (int t = 0; t < lines.Count; t++)
        {
            var (fields, line) = lines[t];
            if (t == 0 && fields[0].StartsWith("user", StringComparison.OrdinalIgnoreCase)) continue;
            if (fields.Length < 2) throw InputFile.Error(path, $"line {line} has {fields.Length} field; a pair is user,item");
            if (fields[0].Length == 0 || fields[1].Length == 0)
                throw InputFile.Error(path, $"line {line}: the {(fields[0].Length == 0 ? "user id (field 1)" : "item id (field 2)")} is empty");
            pairs.Add((fields[0], fields[1]));
        }
        if (pairs.Count == 0) throw InputFile.Error(path, "no pairs: the file is empty or has only a header");
        return pairs;
    }
}
