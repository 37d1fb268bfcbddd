using System.Text.Json;
using System.Text.Json.Serialization;

namespace LowRank.Cli.Output;

/// <summary>Writes one JSON object per command on stdout, with snake_case names (DESIGN §3).</summary>
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
}
