using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.SingularValueLearning;

/// <summary>
/// SV-Learn §IV-C (Figs. 5–6): test matrices rebuilt at rank k from their true singular vectors with other singular
/// values — the true σ (the Eckart–Young optimum), each network's σ̂, a random spectrum of the same energy
/// (<see cref="SpectrumReconstruction.RandomSpectrum"/>) — and by <see cref="SvdLight"/> with the first network's σ̂.
/// <see cref="MeanError"/>[method][j] is the mean ‖A − Â_k‖_F/‖A‖_F at k = <see cref="Ranks"/>[j]; <see cref="Example"/>
/// holds the rebuilt matrices of the first sample for the figures.
/// </summary>
public sealed record ReconstructionStudy(IReadOnlyList<int> Ranks, IReadOnlyList<string> Methods, double[][] MeanError,
    Matrix Example, IReadOnlyDictionary<string, Matrix[]> ExampleReconstructions)
{
    /// <summary>
    /// <paramref name="predictions"/>: (name, row-major σ̂ of the matrices <paramref name="indices"/>), the first is
    /// SVD-LIGHT's. SVD-LIGHT samples 2k columns (at least k).
    /// </summary>
    public static ReconstructionStudy Run(SvDataset data, IReadOnlyList<int> indices, IReadOnlyList<(string Name, double[] Sigma)> predictions,
        IReadOnlyList<int> ranks, int seed, ILinalgBackend? backend = null)
    {
        int p = data.Outputs;
        var ks = ranks.Where(k => k >= 1 && k <= p).Distinct().Order().ToArray();
        var methods = new List<string> { "true σ (optimum)" };
        methods.AddRange(predictions.Select(x => $"{x.Name} σ̂"));
        methods.Add("random σ");
        methods.Add($"SVD-LIGHT ({predictions[0].Name} σ̂)");
        var sums = methods.Select(_ => new double[ks.Length]).ToArray();
        var random = new Random(seed);
        Matrix example = null!;
        var exampleReconstructions = methods.ToDictionary(m => m, _ => new Matrix[ks.Length]);
        for (int r = 0; r < indices.Count; r++)
        {
            var a = data.Matrices.ToMatrix(indices[r]);
            var svd = ExactSvd.Compute(a, computeVectors: true, backend);
            var v = svd.VT!.Transpose();
            var spectra = new List<double[]> { svd.S };
            spectra.AddRange(predictions.Select(x => x.Sigma.AsSpan(r * p, p).ToArray()));
            spectra.Add(SpectrumReconstruction.RandomSpectrum(p, a.FrobeniusNorm(), random));
            for (int j = 0; j < ks.Length; j++)
            {
                var rebuilt = new Matrix[methods.Count];
                for (int s = 0; s < spectra.Count; s++) rebuilt[s] = SpectrumReconstruction.Compose(svd.U!, spectra[s], v, ks[j]);
                var light = SvdLight.Compute(a, spectra[1], ks[j], Math.Max(ks[j], Math.Min(2 * ks[j], 4 * p)), random, backend);
                rebuilt[^1] = light.Compose();
                for (int s = 0; s < methods.Count; s++)
                {
                    sums[s][j] += SpectrumReconstruction.RelativeError(a, rebuilt[s]);
                    if (r == 0) exampleReconstructions[methods[s]][j] = rebuilt[s];
                }
            }
            if (r == 0) example = a;
        }
        foreach (var row in sums)
            for (int j = 0; j < row.Length; j++) row[j] /= Math.Max(1, indices.Count);
        return new ReconstructionStudy(ks, methods, sums, example, exampleReconstructions);
    }
}
