using LowRank.IO;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Serialization;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Commands;

/// <summary>Reading and writing SV-Learn networks in the engine's model file format (float32).</summary>
internal static class SvLearnModelFile
{
    public static void Write(string path, Module<float> model, CancellationToken cancellationToken) =>
        AtomicFile.Write(path, stream => ModelFile.Save(model, stream), cancellationToken);

    /// <summary>
    /// A saved SV-Learn network and the m×n it takes: from the model itself (improved) or, for the paper's flat network,
    /// from <paramref name="window"/> or else min(m, n) = its outputs with the inputs m·n (square when they allow).
    /// </summary>
    public static (Module<float> Model, int Rows, int Cols) Read(string path, (int Rows, int Cols)? window, ILinalgBackend backend)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: no such file");
        Module<float> model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelFile.Load<float>(stream, backend);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{path}: {e.Message}");
        }
        model.Eval();
        if (model is SpectralRegressor<float> regressor) return (model, regressor.Rows, regressor.Cols);
        int inputs = model is Sequential<float> { Layers: [Linear<float> first, ..] } ? first.InFeatures
            : throw new InvalidInputException($"{path}: not an SV-Learn network (it must start with a Linear layer)");
        int outputs = model.OutputFeatures(inputs);
        var (m, n) = window ?? (inputs % outputs == 0 ? (inputs / outputs, outputs) : (0, 0));
        if (m * n != inputs || Math.Min(m, n) != outputs)
            throw new InvalidInputException($"{path}: a network with {inputs} inputs and {outputs} outputs does not take {(window is null ? "a matrix" : $"{m}×{n} matrices")}; give --window");
        return (model, m, n);
    }
}
