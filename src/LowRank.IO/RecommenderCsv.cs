using System.Globalization;
using System.Text;
using LowRank.Completion;
using LowRank.Completion.Saved;

namespace LowRank.IO;

/// <summary>
/// The CSV outputs of a saved recommender, written atomically (RFC 4180 quoting: a field with a comma, a quote or a
/// line break is quoted, quotes doubled): every user's top-N list, and predictions of user–item pairs.
/// </summary>
public static class RecommenderCsv
{
    /// <summary>
    /// <c>user,rank,item,score,title</c>: one line per recommended item, users in the model's order, ranks from 1;
    /// the score is the model's unclipped estimate (the ranking score), the title empty where unknown.
    /// </summary>
    public static void WriteRecommendations(string path, SavedRecommender model, IReadOnlyList<ScoredItem[]> lists, CancellationToken cancellationToken = default) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            writer.WriteLine("user,rank,item,score,title");
            var line = new StringBuilder();
            for (int u = 0; u < lists.Count; u++)
                for (int r = 0; r < lists[u].Length; r++)
                {
                    var s = lists[u][r];
                    line.Clear().Append(Field(model.UserIds[u])).Append(',').Append(r + 1).Append(',').Append(Field(model.ItemIds[s.Item]))
                        .Append(',').Append(s.Score.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
                        .Append(Field(model.ItemTitles?[s.Item] ?? ""));
                    writer.WriteLine(line);
                }
        }, cancellationToken);

    /// <summary><c>user,item,prediction,cold_start</c>: the clipped prediction of each pair, cold_start 1 where it is the baseline fallback.</summary>
    public static void WritePredictions(TextWriter writer, IReadOnlyList<(string User, string Item, double Prediction, bool ColdStart)> rows)
    {
        writer.WriteLine("user,item,prediction,cold_start");
        foreach (var (user, item, prediction, cold) in rows)
            writer.WriteLine($"{Field(user)},{Field(item)},{prediction.ToString("0.######", CultureInfo.InvariantCulture)},{(cold ? 1 : 0)}");
    }

    /// <summary><see cref="WritePredictions(TextWriter, IReadOnlyList{ValueTuple{string, string, double, bool}})"/> to a file, atomically.</summary>
    public static void WritePredictions(string path, IReadOnlyList<(string User, string Item, double Prediction, bool ColdStart)> rows, CancellationToken cancellationToken = default) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
            WritePredictions(writer, rows);
        }, cancellationToken);

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
