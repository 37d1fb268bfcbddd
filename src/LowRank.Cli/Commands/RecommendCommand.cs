using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.IO;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank recommend (RATINGS [--method M] | --model FILE) (--user U | --all -o FILE | --ratings NEW) [--top N] [--min-support N] [--shrinkage β]</c>:
/// a user's N best-scored items among those they have not rated, by the file's own ids, with titles when a MovieLens
/// catalogue (u.item or movies.dat) lies beside the ratings or in the saved model. From RATINGS the method is fitted
/// on every rating first; from <c>--model</c> (<c>lowrank fit</c>) nothing is retrained. <c>--all</c> lists every
/// user at once (<see cref="SavedRecommender.RecommendAll"/>: batched on BLAS) into a CSV; <c>--ratings</c> folds a
/// new user into the saved model (<see cref="SavedRecommender.FoldIn"/>). <c>--min-support</c> leaves out items with
/// fewer training ratings; <c>--shrinkage</c> shrinks the scores of rarely rated items (factor models only).
/// </summary>
internal static class RecommendCommand
{
    public static Command Create(CliContext context)
    {
        var input = Flags.Ratings();
        input.Arity = ArgumentArity.ZeroOrOne;
        var model = RecommenderFlags.Model();
        var user = new Option<string?>("--user", "-u") { Description = "User id as written in the file (with --ratings: a label for the new user)" };
        var all = new Option<bool>("--all") { Description = "Every user's top N, batched, into the CSV given by -o (user,rank,item,score,title)" };
        var newUser = new Option<string?>("--ratings") { Description = "A new user's ratings (item,rating lines) to fold into the --model without retraining" };
        var output = new Option<string?>("--output", "-o") { Description = "With --all: the CSV to write" };
        var top = Flags.Top("Number of items");
        var minSupport = RecommenderFlags.MinSupport();
        var shrinkage = RecommenderFlags.Shrinkage();
        var method = Flags.CompletionMethod("als");
        var scale = Flags.Scale();
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("recommend", "Top-N unseen items for a user, every user (--all) or a new user (--ratings), from ratings or a saved model");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { model, user, all, newUser, output, top, minSupport, shrinkage, method, scale }) command.Options.Add(o);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string? path = parsed.GetValue(input), modelPath = parsed.GetValue(model), userId = parsed.GetValue(user)?.Trim();
            string? foldPath = parsed.GetValue(newUser), outPath = parsed.GetValue(output);
            bool everyone = parsed.GetValue(all), asJson = parsed.GetValue(json);
            int count = Flags.ReadTop(parsed, top), minimum = RecommenderFlags.ReadMinSupport(parsed, minSupport);
            double beta = RecommenderFlags.ReadShrinkage(parsed, shrinkage);
            if ((path is null) == (modelPath is null)) throw new InvalidInputException("give a ratings file to train on or a saved --model, one of the two");
            if (modelPath is not null && parsed.GetResult(method) is { Implicit: false })
                throw new InvalidInputException("--method trains a model; a saved --model keeps the method it was fitted with");
            if (everyone && (userId is not null || foldPath is not null)) throw new InvalidInputException("--all lists every user; leave out --user and --ratings");
            if (everyone && outPath is null) throw new InvalidInputException("--all writes a CSV; give it with -o FILE");
            if (!everyone && outPath is not null) throw new InvalidInputException("-o is for --all; a single list is printed");
            if (foldPath is not null && modelPath is null) throw new InvalidInputException("--ratings folds a new user into a saved model; give --model FILE (from lowrank fit)");
            if (!everyone && foldPath is null && userId is null) throw new InvalidInputException("give --user U, --all or --ratings FILE");
            foreach (string? given in new[] { path, modelPath, foldPath })
                if (given is not null) LoadedInput.CheckOutput(outPath, given);

            if (modelPath is null && !everyone && beta > 0)
                throw new InvalidInputException("--shrinkage ranks a factor model's scores; use it with --model (from lowrank fit) or --all");
            if (modelPath is null && !everyone)
                return Trained(context, parsed, path!, userId!, count, minimum, method, scale, flags, text, asJson);
            var recommender = modelPath is not null
                ? RecommenderModelFile.Read(modelPath)
                : FitForAll(context, path!, parsed.GetValue(method)!, flags.Read(parsed), Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed));
            string source = modelPath ?? path!;
            if (everyone) return All(context, recommender, source, outPath!, count, minimum, beta, asJson);
            if (foldPath is not null) return FoldIn(context, recommender, foldPath, userId, count, minimum, beta, asJson);
            if (!recommender.TryGetUser(userId!, out int index))
                throw new InvalidInputException($"{modelPath}: user '{userId}' is not in the model ({recommender.UserCount:N0} users, e.g. '{recommender.UserIds[0]}'); "
                    + "give their ratings with --ratings FILE to fold them in");
            var items = recommender.Recommend(index, count, minimum, beta);
            Show(context, asJson, $"user {userId} ({recommender.RatedItems(index).Length} ratings): top {items.Length} unrated items by {recommender.Method} (saved model)",
                new { User = userId, recommender.Method, Model = modelPath, Rated = recommender.RatedItems(index).Length, MinSupport = minimum, Shrinkage = beta, Items = Listed(recommender, items) },
                recommender, items);
            return 0;
        });
        return command;
    }

    /// <summary>Today's path: fit the method on every rating, then rank the user's unrated items (any registered method).</summary>
    private static int Trained(CliContext context, ParseResult parsed, string path, string userId, int count, int minimum, Option<string> method,
        Option<string?> scale, CompletionFlags flags, TextReadFlags text, bool asJson)
    {
        var predictor = PredictorRegistry.Create(parsed.GetValue(method)!, flags.Read(parsed));
        var data = RatingsFile.Read(path, Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed));
        if (!data.Users.TryGetIndex(userId, out int index))
            throw new InvalidInputException($"{path}: user '{userId}' has no ratings in the file ({data.Users.Count:N0} users, e.g. '{data.Users[0]}')");
        context.AnnounceBackend();
        var items = context.WithProgress($"{predictor.Name} on {data.Ratings.Count:N0} ratings", () =>
        {
            predictor.Fit(data.Ratings);
            return minimum <= 0
                ? predictor.Recommend(index, count)
                : predictor.Recommend(index, data.Ratings.ItemCount).Where(s => data.Ratings.EntriesOfItem(s.Item).Length >= minimum).Take(count).ToList();
        });
        var titles = ItemTitles.NextTo(path);
        string? Title(int item) => titles is not null && titles.TryGetValue(data.Items[item], out string? t) ? t : null;
        var report = new
        {
            User = userId,
            Method = predictor.Name,
            Rated = data.Ratings.EntriesOfUser(index).Length,
            MinSupport = minimum,
            Items = items.Select(s => new { Item = data.Items[s.Item], Title = Title(s.Item), s.Score }).ToArray(),
        };
        if (asJson)
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
    }

    /// <summary>--all without a saved model: fits a factor model on every rating, in memory.</summary>
    private static SavedRecommender FitForAll(CliContext context, string path, string method, CompletionOptions options, RatingScale? scale, TextReadOptions text)
    {
        string name = SavedRecommenders.Methods.FirstOrDefault(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidInputException($"--all batches the factor models ({string.Join(", ", SavedRecommenders.Methods)}), not {method}");
        var predictor = PredictorRegistry.Create(name, options);
        var data = RatingsFile.Read(path, scale, text);
        context.AnnounceBackend();
        context.WithProgress($"{predictor.Name} on {data.Ratings.Count:N0} ratings", () =>
        {
            predictor.Fit(data.Ratings, context.Cancellation);
            return predictor;
        });
        return RecommenderFlags.Snapshot(predictor, data, path);
    }

    private static int All(CliContext context, SavedRecommender recommender, string source, string outPath, int count, int minimum, double beta, bool asJson)
    {
        context.AnnounceBackend();
        var clock = Stopwatch.StartNew();
        var lists = recommender.RecommendAll(count, minimum, context.Backend, beta);
        double seconds = clock.Elapsed.TotalSeconds;
        context.Write(outPath, () => RecommenderCsv.WriteRecommendations(outPath, recommender, lists, context.Cancellation));
        int rows = lists.Sum(l => l.Length);
        if (asJson)
        {
            JsonReport.Write(context.Output, new
            {
                recommender.Method,
                Source = source,
                Users = recommender.UserCount,
                Top = count,
                MinSupport = minimum,
                Shrinkage = beta,
                Rows = rows,
                Output = outPath,
                ScoringSeconds = seconds,
            });
            return 0;
        }
        context.Output.WriteLine($"top {count} unrated items for each of {recommender.UserCount:N0} users by {recommender.Method}: {rows:N0} rows, scored in {seconds:0.000} s");
        return 0;
    }

    private static int FoldIn(CliContext context, SavedRecommender recommender, string foldPath, string? label, int count, int minimum, double beta, bool asJson)
    {
        var ratings = UserRatingsFile.Read(foldPath, recommender.Scale);
        var items = new List<int>(ratings.Count);
        var values = new List<double>(ratings.Count);
        foreach (var (item, rating) in ratings)
            if (recommender.TryGetItem(item, out int index))
            {
                items.Add(index);
                values.Add(rating);
            }
        int unknown = ratings.Count - items.Count;
        var clock = Stopwatch.StartNew();
        var user = recommender.FoldIn(items.ToArray(), values.ToArray());
        double foldSeconds = clock.Elapsed.TotalSeconds;
        var list = recommender.Recommend(user, count, minimum, beta);
        string who = label is null ? "new user" : $"new user {label}";
        string ignored = unknown == 0 ? "" : $", {unknown} {(unknown == 1 ? "item" : "items")} unknown to the model ignored";
        Show(context, asJson, $"{who} ({items.Count} ratings folded in{ignored}): top {list.Length} unrated items by {recommender.Method}",
            new { User = label, recommender.Method, Rated = items.Count, UnknownItems = unknown, FoldInSeconds = foldSeconds, MinSupport = minimum, Shrinkage = beta, Items = Listed(recommender, list) },
            recommender, list);
        return 0;
    }

    private static object[] Listed(SavedRecommender recommender, ScoredItem[] items) =>
        items.Select(s => (object)new { Item = recommender.ItemIds[s.Item], Title = recommender.ItemTitles?[s.Item], s.Score }).ToArray();

    /// <summary>Prints the JSON report, or the heading and a table of the items by score (the unclipped estimate).</summary>
    private static void Show(CliContext context, bool asJson, string heading, object report, SavedRecommender recommender, ScoredItem[] items)
    {
        if (asJson)
        {
            JsonReport.Write(context.Output, report);
            return;
        }
        context.Output.WriteLine(heading);
        var table = new Table().AddColumns("#", "item", "title", "score");
        table.Columns[3].RightAligned();
        for (int r = 0; r < items.Length; r++)
            table.AddRow((r + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(recommender.ItemIds[items[r].Item]),
                Markup.Escape(recommender.ItemTitles?[items[r].Item] ?? ""), items[r].Score.ToString("0.000", CultureInfo.InvariantCulture));
        context.Console.Write(table);
    }
}
