using System.Reflection;
using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>Each method's defaults live in one place: what the registry builds is what <c>new XOptions()</c> or the named preset says.</summary>
public class OptionsDefaultsTests
{
    [Fact]
    public void TheRegistryBuildsTheImputeMethodsFromTheirRatingPredictionPresets()
    {
        var none = new CompletionOptions();
        Assert.Equal(HardImputeOptions.RatingPrediction, ((HardImputePredictor)PredictorRegistry.Create("hard-impute", none)).Options);
        Assert.Equal(SoftImputeOptions.RatingPrediction, ((SoftImputePredictor)PredictorRegistry.Create("soft-impute", none)).Options);
    }

    public static IEnumerable<object[]> OptionTypes() =>
        typeof(CompletionOptions).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options") && t.GetMethod("From", BindingFlags.Public | BindingFlags.Static, [typeof(CompletionOptions)]) is not null)
            .Select(t => new object[] { t.FullName! });

    [Theory]
    [MemberData(nameof(OptionTypes))]
    public void FromEmptyOptionsEqualsTheParameterDefaultsWhereTheRecordHasThem(string typeName)
    {
        var type = typeof(CompletionOptions).Assembly.GetType(typeName)!;
        var from = type.GetMethod("From", BindingFlags.Public | BindingFlags.Static, [typeof(CompletionOptions)])!;
        object fromEmpty = from.Invoke(null, [new CompletionOptions()])!;
        var ctor = type.GetConstructors().Single(c => c.GetParameters().Length > 0 && c.GetParameters()[0].ParameterType != type);
        var parameters = ctor.GetParameters();
        if (parameters.All(p => p.HasDefaultValue))
        {
            // `new XOptions()` exists: it must be what the registry uses.
            Assert.Equal(ctor.Invoke(parameters.Select(p => p.DefaultValue).ToArray()), fromEmpty);
        }
        else
        {
            // No `new XOptions()`: every parameter is required and the defaults are the named presets.
            Assert.DoesNotContain(parameters, p => p.HasDefaultValue);
            Assert.Equal(type.GetProperty("RatingPrediction", BindingFlags.Public | BindingFlags.Static)!.GetValue(null), fromEmpty);
        }
    }
}
