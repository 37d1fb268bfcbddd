namespace LowRank.Completion.Implicit;

/// <summary>
/// Confidence in an observed preference (Hu, Koren &amp; Volinsky, "Collaborative filtering for implicit feedback
/// datasets", ICDM 2008, §4): the preference is p_ui = 1 when r_ui &gt; 0 (eq. 1) and the confidence is
/// c_ui = 1 + α·r_ui (eq. 2–3) or c_ui = 1 + α·log(1 + r_ui/ε); unobserved pairs have p_ui = 0 and c_ui = 1.
/// </summary>
/// <param name="Alpha">α, how much more an observation weighs than an absence (the paper finds α = 40 best on TV viewing).</param>
/// <param name="Scaling">Linear (eq. 3) or logarithmic in r.</param>
/// <param name="Epsilon">ε of the logarithmic scaling (ignored by the linear one).</param>
public sealed record Confidence(double Alpha, ConfidenceScaling Scaling, double Epsilon)
{
    /// <summary>c_ui for an observation of strength r &gt; 0.</summary>
    public double Of(double strength) => Scaling switch
    {
        ConfidenceScaling.Linear => 1 + Alpha * strength,
        _ => 1 + Alpha * Math.Log(1 + strength / Epsilon),
    };

    /// <summary>Bad settings as an <see cref="InvalidInputException"/>.</summary>
    public void Validate()
    {
        if (!(Alpha >= 0) || !double.IsFinite(Alpha)) throw new InvalidInputException($"the confidence weight α must be a finite number ≥ 0, not {Alpha}");
        if (Scaling == ConfidenceScaling.Log && !(Epsilon > 0)) throw new InvalidInputException($"ε of the logarithmic confidence must be > 0, not {Epsilon}");
    }
}
