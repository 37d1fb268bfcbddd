using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.Distributed;
using LowRank.Distributed.Als;
using LowRank.Distributed.Mpi;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank fit RATINGS --method als -o model.lrm</c> started by <c>mpirun</c> (<see cref="MpiEnvironment.UnderMpirun"/>):
/// every process reads the whole ratings file — the index of an id depends on every id in the file (<see cref="IdMap"/>
/// sorts them), so a text ratings file cannot be read by user ranges — and keeps the lists of its block of users and
/// of items (<see cref="LocalRatings"/>); only rank 0 keeps the whole set, for the rated lists the model file stores.
/// ALS runs distributed (<see cref="DistributedAls"/>) and rank 0 writes the model, in the single-process format, once.
/// Reading and writing end with an agreement on failures, so bad input stops every process with one line and exit 2.
/// </summary>
internal static class DistributedFitRun
{
    /// <summary>What the fit command asks of a distributed run; <see cref="Read"/> parses the method options (it may refuse them).</summary>
    public sealed record Request(string Path, string Output, bool Json,
        Func<(string Method, CompletionOptions Options, RatingScale? Scale, TextReadOptions Text)> Read);

    public static int Run(CliContext context, Request request, System.CommandLine.Command command) =>
        DistributedRun.Run(context, command, world => Execute(context, request, command, world));

    private static void Execute(CliContext context, Request request, System.CommandLine.Command command, ICommunicator world)
    {
        var clock = Stopwatch.StartNew();
        var (data, local, options) = Agreement.Run(world, () =>
        {
            LoadedInput.CheckOutput(request.Output, request.Path);
            var (method, completion, scale, text) = request.Read();
            string name = SavedRecommenders.CheckSavable(method);
            if (name != "als") throw new InvalidInputException($"--method {name}: a distributed fit runs als (use --method als, or run {name} on one process without lowrank mpi)");
            var als = AlsOptions.From(completion);
            DistributedAls.Validate(als);
            var read = RatingsFile.Read(request.Path, scale, text);
            return (world.Rank == 0 ? read : null, LocalRatings.Of(read.Ratings, world.Rank, world.Size), als);
        });
        double readSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var metered = new MeteredCommunicator(world);
        var fit = DistributedRun.ComputeOrAbort(context, command, world, () => DistributedAls.Fit(local, options, metered, context.Cancellation));
        double fitSeconds = clock.Elapsed.TotalSeconds;
        SavedRecommender? model = null;
        Agreement.Run(world, () =>
        {
            if (world.Rank != 0) return;
            model = RecommenderFlags.Snapshot(fit, data!, request.Path);
            context.Write(request.Output, () => RecommenderModelFile.Write(request.Output, model, context.Cancellation));
        });
        if (world.Rank != 0) return;
        long bytes = new FileInfo(request.Output).Length;
        if (!request.Json)
        {
            context.Output.WriteLine(FitCommand.Summary(model!, fitSeconds, bytes, $" on {world.Size} processes"));
            return;
        }
        JsonReport.Write(context.Output, new
        {
            model!.Method,
            model.Settings,
            Users = model.UserCount,
            Items = model.ItemCount,
            Ratings = model.RatingCount,
            model.Rank,
            model.Biases,
            Scale = new[] { model.Scale.Min, model.Scale.Max },
            Titles = model.ItemTitles is not null,
            Output = request.Output,
            Bytes = bytes,
            Processes = world.Size,
            Sweeps = fit.Trace.Iterations,
            TrainingRmse = fit.TrainingRmse,
            Collectives = metered.Calls,
            CollectiveValues = metered.Values,
            SecondsCollectives = metered.Seconds,
            SecondsRead = readSeconds,
            FitSeconds = fitSeconds,
            Seconds = readSeconds + clock.Elapsed.TotalSeconds,
        });
    }
}
