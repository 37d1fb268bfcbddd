using System.Text.Json;
using System.Text.Json.Serialization;
using LowRank.IO;

namespace LowRank.Cli.Output;

/// <summary>Writes one JSON object per command on stdout, with snake_case names (docs/architecture.md §3).</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(TextWriter output, object report) =>
        output.WriteLine(JsonSerializer.Serialize(report, report.GetType(), Options));

    /// <summary>A number, or an explicit JSON null (a plain null member is left out of the report).</summary>
    public static JsonElement NumberOrNull(double? value) => JsonSerializer.SerializeToElement(value);

    /// <summary>The same text, for files (results.json of a report).</summary>
    public static string Serialize(object report) => JsonSerializer.Serialize(report, report.GetType(), Options);

    /// <summary>
    /// Writes <paramref name="report"/> to DIR/results.json atomically (demo and the experiments) and returns the text,
    /// which <c>--json</c> prints unchanged.
    /// </summary>
    public static string SaveResults(string directory, object report)
    {
        string text = Serialize(report);
        AtomicFile.Write(Path.Combine(directory, "results.json"), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));
        return text;
    }
}
