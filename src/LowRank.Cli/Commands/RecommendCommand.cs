using System.CommandLine;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.IO;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank recommend RATINGS --user U [--top N] [--method M]</c>: fits the method on every rating and lists the
/// user's N best-predicted items among those the user has not rated, by the file's own ids, with titles when a
/// MovieLens catalogue (u.item or movies.dat) lies beside the ratings.
/// </summary>
internal static class RecommendCommand
{
    public static Command Create(CliContext context)
    {
        var input = Flags.Ratings();
        var user = new Option<string>("--user", "-u") { Description = "User id as written in the file", Required = true };
        var top = Flags.Top("Number of items");
        var method = Flags.CompletionMethod("als");
        var scale = Flags.Scale();
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("recommend", "Top-N unseen items for one user");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { user, top, method, scale }) command.Options.Add(o);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!, userId = parsed.GetValue(user)!.Trim();
            int count = Flags.ReadTop(parsed, top);
            var predictor = PredictorRegistry.Create(parsed.GetValue(method)!, flags.Read(parsed));
            var data = RatingsFile.Read(path, Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed));
            if (!data.Users.TryGetIndex(userId, out int index))
                throw new InvalidInputException($"{path}: user '{userId}' has no ratings in the file ({data.Users.Count:N0} users, e.g. '{data.Users[0]}')");
            context.AnnounceBackend();
            var items = context.WithProgress($"{predictor.Name} on {data.Ratings.Count:N0} ratings", () =>
            {
                predictor.Fit(data.Ratings);
                return predictor.Recommend(index, count);
            });
            var titles = ItemTitles.NextTo(path);
            string? Title(int item) => titles is not null && titles.TryGetValue(data.Items[item], out string? t) ? t : null;
            var report = new
            {
                User = userId,
                Method = predictor.Name,
                Rated = data.Ratings.EntriesOfUser(index).Length,
                Items = items.Select(s => new { Item = data.Items[s.Item], Title = Title(s.Item), s.Score }).ToArray(),
            };
            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, report);
                return 0;
            }
            context.Output.WriteLine($"user {userId} ({report.Rated} ratings): top {items.Count} unrated items by {predictor.Name}");
            var table = new Table().AddColumns("#", "item", "title", "predicted rating");
            table.Columns[3].RightAligned();
            for (int r = 0; r < items.Count; r++)
                table.AddRow((r + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(data.Items[items[r].Item]),
                    Markup.Escape(Title(items[r].Item) ?? ""), items[r].Score.ToString("0.000", CultureInfo.InvariantCulture));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
