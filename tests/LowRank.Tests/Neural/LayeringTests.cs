using Xunit;

namespace LowRank.Tests.Neural;

public class LayeringTests
{
    /// <summary>
    /// The neural engine is below the features built on it (docs/architecture.md §1: data flows down, never back up): no source file
    /// under src/LowRank/Neural names a namespace of those features in its code (comments may mention them), so that the
    /// model file cannot grow a dependency cycle again.
    /// </summary>
    [Fact]
    public void The_neural_engine_does_not_depend_on_the_features_built_on_it()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !Directory.Exists(Path.Combine(root, "src", "LowRank", "Neural"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);
        string[] above = ["SingularValueLearning", "Compression", "Completion", "Experiments", "LowRank.IO", "LowRank.Cli", "LowRank.Reports"];
        var files = Directory.GetFiles(Path.Combine(root, "src", "LowRank", "Neural"), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string text = string.Join("\n", File.ReadAllLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (string name in above)
                Assert.False(text.Contains(name + ".", StringComparison.Ordinal) || text.Contains("using LowRank." + name + ";", StringComparison.Ordinal),
                    $"{Path.GetRelativePath(root, file)} refers to {name}");
        }
    }
}
