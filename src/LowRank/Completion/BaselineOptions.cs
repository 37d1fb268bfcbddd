namespace LowRank.Completion;

/// <summary>Settings of <see cref="BaselinePredictor"/>; the defaults are Surprise's <c>BaselineOnly</c> ALS defaults.</summary>
/// <param name="UserRegularization">reg_u = 15.</param>
/// <param name="ItemRegularization">reg_i = 10.</param>
/// <param name="Epochs">n_epochs = 10.</param>
public sealed record BaselineOptions(double UserRegularization = 15, double ItemRegularization = 10, int Epochs = 10)
{
    public static BaselineOptions From(CompletionOptions o) => new(Epochs: o.Epochs ?? 10);
}
