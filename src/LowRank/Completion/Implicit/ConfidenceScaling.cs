namespace LowRank.Completion.Implicit;

/// <summary>How an observation's strength r (a count of clicks or plays, or 1 for a rating above a threshold) becomes a confidence.</summary>
public enum ConfidenceScaling
{
    /// <summary>c = 1 + α·r (Hu, Koren &amp; Volinsky 2008, eq. 3, the variant used in their experiments).</summary>
    Linear,

    /// <summary>c = 1 + α·log(1 + r/ε) (Hu, Koren &amp; Volinsky 2008, §4, the alternative for counts with a long tail).</summary>
    Log,
}
