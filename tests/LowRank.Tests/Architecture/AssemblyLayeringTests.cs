using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using LowRank.Cli;
using LowRank.Distributed;
using LowRank.Experiments;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Reports;
using Xunit;

namespace LowRank.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md §1, checked on the compiled assemblies: references only point down
/// (Cli → Reports, Experiments, Distributed, IO → core), and the numerical core carries no command-line vocabulary.
/// </summary>
public partial class AssemblyLayeringTests
{
    private static readonly Assembly Core = typeof(Matrix).Assembly;
    private static readonly Assembly IO = typeof(MatrixFile).Assembly;
    private static readonly Assembly Experiments = typeof(BleckelExperiment).Assembly;
    private static readonly Assembly Reports = typeof(HtmlReport).Assembly;
    private static readonly Assembly Distributed = typeof(DistributedRandomizedSvd).Assembly;
    private static readonly Assembly Cli = typeof(LowRankCli).Assembly;

    /// <summary>Each LowRank assembly and the LowRank assemblies it may reference: only those below it.</summary>
    public static TheoryData<string, string[]> Layers => new()
    {
        { Core.GetName().Name!, [] },
        { IO.GetName().Name!, ["LowRank"] },
        { Experiments.GetName().Name!, ["LowRank"] },
        { Distributed.GetName().Name!, ["LowRank"] },
        { Reports.GetName().Name!, ["LowRank", "LowRank.IO"] },
        { Cli.GetName().Name!, ["LowRank", "LowRank.IO", "LowRank.Experiments", "LowRank.Distributed", "LowRank.Reports"] },
    };

    /// <summary>The LowRank assemblies that <paramref name="assembly"/> references outside <paramref name="allowed"/>.</summary>
    private static string[] UpwardReferences(Assembly assembly, IReadOnlyCollection<string> allowed) =>
        assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(name => (name == "LowRank" || name.StartsWith("LowRank.", StringComparison.Ordinal)) && !allowed.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Theory]
    [MemberData(nameof(Layers))]
    public void References_only_point_down(string assemblyName, string[] allowed)
    {
        var assembly = new[] { Core, IO, Experiments, Distributed, Reports, Cli }.Single(a => a.GetName().Name == assemblyName);
        Assert.Empty(UpwardReferences(assembly, allowed));
    }

    /// <summary>The check can fail: this test assembly, read as if it were the core, references every layer above it.</summary>
    [Fact]
    public void An_upward_reference_is_reported()
    {
        var found = UpwardReferences(typeof(AssemblyLayeringTests).Assembly, []);
        Assert.Contains("LowRank.Cli", found);
        Assert.Contains("LowRank.IO", found);
    }

    /// <summary>The core knows no console, command line, plotting or image library (docs/architecture.md §1).</summary>
    [Fact]
    public void The_core_references_no_front_end_library()
    {
        string[] frontEnds = ["System.Console", "System.CommandLine", "Spectre.Console", "ScottPlot", "SkiaSharp"];
        var referenced = Core.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Contains("MathNet.Numerics", referenced); // the list is read, not empty
        foreach (string frontEnd in frontEnds) Assert.DoesNotContain(frontEnd, referenced);
    }

    /// <summary>
    /// The core's messages speak the library's terms: none of the strings compiled into LowRank.dll names an option
    /// ("--rank") or a command of the tool ("lowrank complete"). The strings are read from the assembly's user-string
    /// heap (every literal the IL loads, including the literal parts of interpolated strings) and its string constants,
    /// so comments and XML docs, which do not ship in the assembly, are not scanned, and nothing compiled is missed.
    /// Environment variables (LOWRANK_BACKEND) are the library's own settings and are allowed.
    /// </summary>
    [Fact]
    public void The_core_has_no_command_line_vocabulary()
    {
        Assert.Empty(CommandLineStrings(Core));
    }

    /// <summary>The scan can fail: the CLI's assembly is full of such strings.</summary>
    [Fact]
    public void Command_line_vocabulary_is_found_where_it_is()
    {
        var found = CommandLineStrings(Cli);
        Assert.Contains(found, s => s.Contains("--rank", StringComparison.Ordinal));
    }

    /// <summary>An option (two hyphens and a letter, not inside a word: "--rank", not "n-n-k-n") or "lowrank &lt;command&gt;".</summary>
    [GeneratedRegex(@"(?<![\w-])--[a-z]|\blowrank [a-z]")]
    private static partial Regex CommandLineWord();

    private static List<string> CommandLineStrings(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var reader = pe.GetMetadataReader();
        var strings = new List<string>();
        for (var h = MetadataTokens.UserStringHandle(1); !h.IsNil; h = reader.GetNextHandle(h))
            strings.Add(reader.GetUserString(h));
        foreach (var field in reader.FieldDefinitions.Select(reader.GetFieldDefinition))
        {
            var handle = field.GetDefaultValue();
            if (handle.IsNil) continue;
            var constant = reader.GetConstant(handle);
            if (constant.TypeCode != ConstantTypeCode.String) continue;
            var blob = reader.GetBlobReader(constant.Value);
            strings.Add(blob.ReadUTF16(blob.Length));
        }
        Assert.NotEmpty(strings);
        return strings.Where(s => CommandLineWord().IsMatch(s)).ToList();
    }
}
