using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace LowRank.Cli;

/// <summary>
/// The one-line message for a command line that does not parse, naming the nearest command or option when the user
/// mistyped one: "unknown option '--rnak' for `lowrank svd`; did you mean '--rank'?", "unknown command 'frobnicate';
/// commands: info, svd, …". Nearness is the optimal-string-alignment edit distance (insertions, deletions,
/// substitutions and swaps of neighbours each cost 1), case-insensitive.
/// </summary>
internal static class ParseErrors
{
    /// <summary>
    /// The message for a mistyped option or command, or for a group of commands given none; null for other errors
    /// (the parser's own message then stands).
    /// </summary>
    public static string? Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        string usage = CommandPath(parsed.CommandResult);
        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
        foreach (string token in parsed.UnmatchedTokens)
        {
            if (LooksLikeOption(token)) return UnknownOption(token, parsed);
            if (subcommands.Length > 0)
            {
                string? near = Nearest(token, subcommands);
                string where = parsed.CommandResult.Parent is CommandResult ? $" for `{usage}`" : "";
                return $"unknown command '{token}'{where}; " + (near is null ? $"commands: {string.Join(", ", subcommands)}" : $"did you mean '{near}'?");
            }
        }
        if (subcommands.Length > 0 && command.Action is null)
            return $"`{usage}` needs a command: {string.Join(", ", subcommands)}";
        return null;
    }

    /// <summary>
    /// The message for an option-like token ("--rnak") that an argument taking several values (svd's inputs stacked by
    /// rows) accepted as a value although the command line parsed; null when there is none. "-" alone is standard input,
    /// and what follows "--" (the command that <c>lowrank mpi</c> runs) is taken as written.
    /// </summary>
    public static string? OptionTakenAsValue(ParseResult parsed, IReadOnlyList<string> args)
    {
        var beforeDoubleDash = args.TakeWhile(arg => arg != "--").ToHashSet();
        return parsed.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens).Select(token => token.Value)
            .Where(token => LooksLikeOption(token) && beforeDoubleDash.Contains(token)).Select(token => UnknownOption(token, parsed)).FirstOrDefault();
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string UnknownOption(string token, ParseResult parsed)
    {
        string usage = CommandPath(parsed.CommandResult);
        string? option = Nearest(token, OptionNames(parsed.CommandResult));
        return $"unknown option '{token}' for `{usage}`; " + (option is null ? $"see `{usage} --help`" : $"did you mean '{option}'?");
    }

    /// <summary>The candidate closest to <paramref name="typed"/>, when it is close enough to be a typo of it.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        string core = typed.TrimStart('-');
        // One edit in a short name, two in a longer one, three at most: beyond that a suggestion is a guess.
        int allowed = core.Length <= 4 ? 1 : core.Length <= 8 ? 2 : 3;
        return candidates
            .Select(c => (Name: c, Distance: Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions), by dynamic programming.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>Every name and alias of the options that apply: the command's own and the recursive ones of its parents.</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        var own = result.Command.Options.Where(o => !o.Hidden);
        var inherited = Ancestors(result).SelectMany(c => c.Options).Where(o => o.Recursive && !o.Hidden);
        return own.Concat(inherited).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct();
    }

    /// <summary>"lowrank svd", "lowrank svlearn train": the command as typed.</summary>
    private static string CommandPath(CommandResult result) =>
        string.Join(" ", Ancestors(result).Reverse().Append(result.Command).Select(c => c.Name));

    private static IEnumerable<Command> Ancestors(CommandResult result)
    {
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            yield return parent.Command;
    }
}
