namespace LowRank.SingularValueLearning;

/// <summary>
/// The rank estimate reported beside the SV-Learn metrics (Xu, Shiao, Chen, Papalexakis, ICDM Workshops; not a step of
/// the paper's method): from a spectrum, true or predicted, the smallest k whose leading values hold a fraction
/// <c>energy</c> of Σσ² (0.99 by default). Predicted σ are never exactly zero, so the numerical rank's ε-tolerance would
/// not work on them; the energy rank is defined alike for both.
/// </summary>
public static class EnergyRank
{
    public static int Of(ReadOnlySpan<double> sigma, double energy = 0.99)
    {
        if (!(energy > 0 && energy <= 1)) throw new ArgumentOutOfRangeException(nameof(energy), energy, "energy must be in (0, 1]");
        double total = 0;
        foreach (double s in sigma) total += Math.Max(0, s) * Math.Max(0, s);
        if (total == 0) return 0;
        double sum = 0;
        for (int k = 0; k < sigma.Length; k++)
        {
            sum += Math.Max(0, sigma[k]) * Math.Max(0, sigma[k]);
            if (sum >= energy * total * (1 - 1e-12)) return k + 1;
        }
        return sigma.Length;
    }
}
