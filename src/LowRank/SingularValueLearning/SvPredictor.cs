using LowRank.Neural;

namespace LowRank.SingularValueLearning;

/// <summary>Batched float32 inference of a trained SV-Learn network (either kind) on flattened raw matrices.</summary>
public static class SvPredictor
{
    /// <summary>Row-major N × outputs: the predictions for the matrices with the given indices (all when null), in that order.</summary>
    public static double[] Predict(Module<float> model, MatrixStack stack, IReadOnlyList<int>? indices = null, int batchSize = 4096)
    {
        int count = indices?.Count ?? stack.Count;
        int outputs = model.OutputFeatures(stack.Size);
        var result = new double[(long)count * outputs];
        model.Eval();
        var batch = new Tensor<float>(Math.Min(batchSize, Math.Max(1, count)), stack.Size);
        for (int start = 0; start < count; start += batchSize)
        {
            int rows = Math.Min(batchSize, count - start);
            batch.Resize(rows);
            for (int r = 0; r < rows; r++) stack.Flat(indices?[start + r] ?? start + r).CopyTo(batch.Row(r));
            var output = model.Forward(batch);
            var span = output.Span;
            for (int i = 0; i < span.Length; i++) result[(long)start * outputs + i] = span[i];
        }
        return result;
    }
}
