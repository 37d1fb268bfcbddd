using System.Numerics;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Serialization;

namespace LowRank.Cli.Commands;

/// <summary>
/// A model file loaded in whichever precision it holds (LowRank.Neural.Serialization.ModelFile), with what the
/// <c>model</c> commands need: a description of its layers and a way to run it on the rows of a matrix.
/// </summary>
internal sealed class SavedModel
{
    private readonly Module<float>? _single;
    private readonly Module<double>? _double;

    private SavedModel(string path, Module<float>? single, Module<double>? @double)
    {
        Path = path;
        _single = single;
        _double = @double;
    }

    public string Path { get; }

    public string DType => _double is null ? "float32" : "float64";

    public int Parameters => _single?.ParameterCount() ?? _double!.ParameterCount();

    /// <summary>One line per layer, e.g. "Linear 784→512 (bias)", "ReLU", "Dropout p=0.2".</summary>
    public IReadOnlyList<string> Layers => _single is not null ? Describe(_single).ToList() : Describe(_double!).ToList();

    /// <summary>Reads and verifies a model file; anything but a valid model is refused with a one-line error.</summary>
    public static SavedModel Read(string path, ILinalgBackend backend)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: no such file");
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return ModelFile.HoldsFloat64(bytes)
                ? new SavedModel(path, null, ModelFile.Load<double>(new MemoryStream(bytes), backend))
                : new SavedModel(path, ModelFile.Load<float>(new MemoryStream(bytes), backend), null);
        }
        catch (InvalidInputException e)
        {
            throw new InvalidInputException($"{path}: {e.Message}");
        }
    }

    /// <summary>Writes a model atomically (nothing half-written is left behind).</summary>
    public static void Write<T>(string path, Module<T> model, CancellationToken cancellationToken) where T : unmanaged, IFloatingPointIeee754<T> =>
        AtomicFile.Write(path, stream => ModelFile.Save(model, stream), cancellationToken);

    /// <summary>The model's outputs for each row of <paramref name="inputs"/> (inference mode: dropout off).</summary>
    public Matrix Apply(Matrix inputs) => _single is not null ? Run(_single, inputs) : Run(_double!, inputs);

    private Matrix Run<T>(Module<T> model, Matrix inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        model.Eval();
        int expected = InputFeatures(model) ?? inputs.Cols;
        if (inputs.Cols != expected)
            throw new InvalidInputException($"{Path}: the model takes rows of {expected} inputs, the matrix has {inputs.Cols} columns");
        var batch = new Tensor<T>(inputs.Rows, inputs.Cols);
        for (int i = 0; i < inputs.Rows; i++)
            for (int j = 0; j < inputs.Cols; j++)
                batch[i, j] = T.CreateTruncating(inputs[i, j]);
        var output = model.Forward(batch);
        var result = new Matrix(output.Rows, output.Cols);
        for (int i = 0; i < output.Rows; i++)
            for (int j = 0; j < output.Cols; j++)
                result[i, j] = double.CreateTruncating(output[i, j]);
        return result;
    }

    private static int? InputFeatures<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T> => model switch
    {
        Linear<T> linear => linear.InFeatures,
        LoRALinear<T> adapter => adapter.InFeatures,
        SpectralRegressor<T> sv => sv.Rows * sv.Cols,
        Sequential<T> sequential => sequential.Layers.Select(InputFeatures).FirstOrDefault(n => n is not null),
        _ => null,
    };

    private static IEnumerable<string> Describe<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T> => model switch
    {
        Sequential<T> sequential => sequential.Layers.SelectMany(Describe),
        Linear<T> linear => [$"Linear {linear.InFeatures}→{linear.OutFeatures}{(linear.Bias is null ? "" : " (bias)")}"],
        LoRALinear<T> adapter => [$"Linear {adapter.InFeatures}→{adapter.OutFeatures}{(adapter.Base.Bias is null ? "" : " (bias)")}, frozen, with a LoRA adapter of rank {adapter.Rank} (α = {adapter.Alpha:G})"],
        Dropout<T> dropout => [$"Dropout p={dropout.P:G}"],
        SpectralRegressor<T> sv =>
            [$"SpectralRegressor {sv.Rows}×{sv.Cols} (SV-Learn: features of A/‖A‖_F in, σ/‖A‖_F × ‖A‖_F out)", .. Describe(sv.Inner)],
        _ => [model.GetType().Name.Split('`')[0]],
    };
}
