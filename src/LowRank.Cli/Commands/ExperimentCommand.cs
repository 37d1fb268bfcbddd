using System.CommandLine;

namespace LowRank.Cli.Commands;

/// <summary><c>lowrank experiment NAME --out DIR</c>: the parent of the reproduced experiments, one subcommand each.</summary>
internal static class ExperimentCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("experiment", "Reproduce a published experiment: writes DIR/index.html, figures and DIR/results.json");
        command.Subcommands.Add(Experiments.BleckelCommand.Create(context));
        command.Subcommands.Add(Experiments.CompletionExperiment.Create(context));
        command.Subcommands.Add(Experiments.CompressNetCommand.Create(context));
        command.Subcommands.Add(Experiments.SvLearnExperiment.Create(context));
        return command;
    }
}
