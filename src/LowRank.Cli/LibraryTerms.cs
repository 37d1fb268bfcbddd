using System.CommandLine;

namespace LowRank.Cli;

/// <summary>
/// Translates the library's terms into the command line's: an <see cref="InvalidInputException"/> names the setting at
/// fault as the library does (<see cref="InvalidInputException.Parameter"/>, e.g. "Epochs"); when the command that ran
/// has the matching option, its message is prefixed with that option ("--epochs: the epoch limit must be at least 1").
/// </summary>
internal static class LibraryTerms
{
    /// <summary>Library parameter or property name → the option that sets it.</summary>
    private static readonly Dictionary<string, string> OptionFor = new(StringComparer.Ordinal)
    {
        ["k"] = "--rank",
        ["Energy"] = "--energy",
        ["Ratio"] = "--ratio",
        ["Oversampling"] = "--oversampling",
        ["NoiseSigma"] = "--noise-sigma",
        ["Epochs"] = "--epochs",
        ["LearningRate"] = "--lr",
        ["BatchSize"] = "--batch-size",
        ["Dropout"] = "--dropout",
        ["MemoryBudget"] = "--memory",
    };

    /// <summary>The message of <paramref name="e"/>, with the option of <paramref name="command"/> that sets the parameter at fault in front.</summary>
    public static string Describe(Exception e, Command command) =>
        e is InvalidInputException { Parameter: string parameter } && OptionFor.TryGetValue(parameter, out string? option)
            && command.Options.Any(o => o.Name == option)
            ? $"{option}: {e.Message}"
            : e.Message;
}
