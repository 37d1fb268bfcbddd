using System.CommandLine;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.IO;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank similar --model FILE --item I [--top N] [--min-support N]</c>: the items whose factors in the saved model
/// are closest to item I's by cosine (<see cref="Completion.Saved.SavedRecommender.SimilarItems"/>), with titles.
/// </summary>
internal static class SimilarCommand
{
    public static Command Create(CliContext context)
    {
        var model = RecommenderFlags.Model(required: true);
        var item = new Option<string>("--item", "-i") { Description = "Item id as written in the ratings file", Required = true };
        var top = Flags.Top("Number of items");
        var minSupport = RecommenderFlags.MinSupport();
        var json = Flags.Json();
        var command = new Command("similar", "Items most similar to one item (cosine between item factors of a saved model)");
        foreach (Option o in new Option[] { model, item, top, minSupport, json }) command.Options.Add(o);

        command.SetAction(parsed =>
        {
            string modelPath = parsed.GetValue(model)!, itemId = parsed.GetValue(item)!.Trim();
            int count = Flags.ReadTop(parsed, top), minimum = RecommenderFlags.ReadMinSupport(parsed, minSupport);
            var recommender = RecommenderModelFile.Read(modelPath);
            if (!recommender.TryGetItem(itemId, out int index))
                throw new InvalidInputException($"{modelPath}: item '{itemId}' is not in the model ({recommender.ItemCount:N0} items, e.g. '{recommender.ItemIds[0]}')");
            var items = recommender.SimilarItems(index, count, minimum);
            string? Title(int i) => recommender.ItemTitles?[i];
            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, new
                {
                    Item = itemId,
                    Title = Title(index),
                    recommender.Method,
                    MinSupport = minimum,
                    Items = items.Select(s => new { Item = recommender.ItemIds[s.Item], Title = Title(s.Item), Cosine = s.Score }).ToArray(),
                });
                return 0;
            }
            context.Output.WriteLine($"item {itemId}{(Title(index) is string t ? $" ({t})" : "")}: {items.Length} most similar items by cosine of the {recommender.Method} factors");
            var table = new Table().AddColumns("#", "item", "title", "cosine");
            table.Columns[3].RightAligned();
            for (int r = 0; r < items.Length; r++)
                table.AddRow((r + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(recommender.ItemIds[items[r].Item]),
                    Markup.Escape(Title(items[r].Item) ?? ""), items[r].Score.ToString("0.000", CultureInfo.InvariantCulture));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
