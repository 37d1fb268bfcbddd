using LowRank.Neural;
using LowRank.Neural.Losses;
using LowRank.Statistics;

namespace LowRank.Compression.Networks;

/// <summary>
/// Network inputs (one sample per row, float32) with their integer labels and one-hot targets for
/// <see cref="CrossEntropyLoss{T}"/>.
/// </summary>
public sealed class ClassificationSet
{
    public ClassificationSet(Tensor<float> inputs, int[] labels, int classes)
    {
        if (inputs.Rows != labels.Length) throw new ArgumentException($"{inputs.Rows} inputs but {labels.Length} labels");
        Inputs = inputs;
        Labels = labels;
        Classes = classes;
        Targets = CrossEntropyLoss<float>.OneHot(labels, classes);
    }

    public Tensor<float> Inputs { get; }

    public int[] Labels { get; }

    public int Classes { get; }

    public Tensor<float> Targets { get; }

    public int Count => Labels.Length;

    /// <summary>
    /// The images as inputs: each pixel scaled to [0, 1] by <paramref name="maxPixel"/>, then standardised with the
    /// mean and standard deviation <paramref name="scaling"/> (one pair for all pixels, from the training images).
    /// </summary>
    public static ClassificationSet FromImages(LabelledImages images, int classes, (double Mean, double Std) scaling, double maxPixel = 255)
    {
        var x = new Tensor<float>(images.Count, images.PixelsPerImage);
        var span = x.Span;
        for (int i = 0; i < span.Length; i++) span[i] = (float)((images.Pixels[i] / maxPixel - scaling.Mean) / scaling.Std);
        return new ClassificationSet(x, images.Labels, classes);
    }

    /// <summary>The mean and standard deviation of the pixels scaled to [0, 1], over all images and pixels.</summary>
    public static (double Mean, double Std) Scaling(LabelledImages images, double maxPixel = 255)
    {
        var moments = new RunningMoments();
        foreach (double p in images.Pixels) moments.Add(p / maxPixel);
        return (moments.Mean, Math.Sqrt(Math.Max(moments.Variance, 1e-12)));
    }
}
