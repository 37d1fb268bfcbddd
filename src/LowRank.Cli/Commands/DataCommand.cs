using System.CommandLine;
using LowRank.Cli.Data;
using LowRank.Cli.Output;

namespace LowRank.Cli.Commands;

/// <summary><c>lowrank data fetch movielens-100k [--out DIR]</c>: downloads a public data set that may not be bundled.</summary>
internal static class DataCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("dataset") { Description = "movielens-100k" };
        name.AcceptOnlyFromAmong("movielens-100k");
        var outDir = new Option<string>("--out") { Description = "Directory to write u.data, u.item and README to", DefaultValueFactory = _ => Path.Combine("data", "movielens-100k") };
        var url = new Option<string>("--url") { Description = "Download from this address (a mirror) instead of GroupLens", DefaultValueFactory = _ => MovieLensFetcher.Url };
        var json = Flags.Json();
        var fetch = new Command("fetch", "Download MovieLens 100k from GroupLens and verify it (SHA-256)");
        fetch.Arguments.Add(name);
        fetch.Options.Add(outDir);
        fetch.Options.Add(url);
        fetch.Options.Add(json);
        fetch.SetAction(parsed =>
        {
            string dir = parsed.GetValue(outDir)!, address = parsed.GetValue(url)!;
            var files = context.WithProgress($"downloading {address}", () => MovieLensFetcher.Fetch(address, dir, TimeSpan.FromSeconds(60)));
            foreach (string file in files) context.Wrote(file);
            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, new { Dataset = "movielens-100k", Url = address, Files = files, Sha256 = MovieLensFetcher.RatingsSha256, MovieLensFetcher.Licence });
                return 0;
            }
            context.Output.WriteLine("u.data SHA-256 verified");
            context.Output.WriteLine(MovieLensFetcher.Licence);
            return 0;
        });
        var command = new Command("data", "Download public data sets that cannot be bundled; build a term–document matrix from texts");
        command.Subcommands.Add(fetch);
        command.Subcommands.Add(DataTermsCommand.Create(context));
        return command;
    }
}
