using LowRank.Approximation;
using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Compression;

/// <summary>Per-plane truncation: the σ-tail identity, the YCbCr round trip, fidelity of what is written, quantisation.</summary>
public class ImageCompressorTests
{
    /// <summary>A smooth colour image with some texture, 0..255.</summary>
    internal static Matrix[] Rgb(int height, int width, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, 3).Select(c =>
        {
            var m = new Matrix(height, width);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    m[y, x] = Math.Clamp(Math.Round(128 + 90 * Math.Sin(0.1 * (c + 1) * x + 0.07 * y) + rng.Next(-20, 21)), 0, 255);
            return m;
        }).ToArray();
    }

    [Theory]
    [InlineData(1)] // planes side by side
    [InlineData(2)] // planes one after the other
    public void DecomposingAColourImageLeavesTheBackendsThreadCountAlone(int threads)
    {
        // The thread count is process-wide (openblas_set_num_threads): setting it inside a computation races with
        // every other caller, and an overlapping run could leave the whole process on one thread.
        var spy = new ThreadCountSpyBackend(threads);
        var rgb = Rgb(30, 40, 5);
        var compressor = ImageCompressor.Decompose(rgb, ColourModel.Rgb, spy);
        Assert.Equal(0, spy.Sets);
        var reference = ImageCompressor.Decompose(rgb, ColourModel.Rgb, new ManagedBackend());
        for (int c = 0; c < 3; c++) Assert.Equal(reference.Spectra[c].S, compressor.Spectra[c].S);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EachPlaneErrorIsTheSigmaTail(bool ycbcr)
    {
        var rgb = Rgb(40, 30, 1);
        var compressor = ImageCompressor.Decompose(rgb, ColourPlanes.ModelFor(3, ycbcr));
        var planes = ColourPlanes.Split(rgb, compressor.Model);
        foreach (int k in new[] { 1, 4, 13 })
        {
            var result = compressor.Compress([k, k, k]);
            for (int c = 0; c < 3; c++)
            {
                var a = planes[c];
                var residual = a.Clone();
                var ak = result.Planes[c].Reconstruct();
                for (int i = 0; i < residual.Data.Length; i++) residual.Data[i] -= ak.Data[i];
                double measured = residual.FrobeniusNorm() / a.FrobeniusNorm();
                double tail = LowRankApproximator.TailNorm(compressor.Spectra[c].S, k) / a.FrobeniusNorm();
                Assert.Equal(tail, result.Planes[c].RelErrorFrobenius, 14);
                Assert.Equal(tail, measured, 10);
            }
            Assert.Equal(3L * k * (40 + 30 + 1), result.StoredNumbers);
            Assert.Equal(k * 71.0 / 1200, result.StorageRatio, 14);
        }
    }

    [Fact]
    public void YCbCrRoundTripsEvery8BitColour()
    {
        // 4096 colours spread over the cube, including its corners: RGB → YCbCr → RGB, rounded, is the identity.
        var rgb = Enumerable.Range(0, 3).Select(_ => new Matrix(64, 64)).ToArray();
        for (int i = 0; i < 4096; i++)
        {
            rgb[0].Data[i] = i % 16 * 17;
            rgb[1].Data[i] = i / 16 % 16 * 17;
            rgb[2].Data[i] = i / 256 * 17;
        }
        var back = ColourPlanes.ToPixels(ColourPlanes.Split(rgb, ColourModel.YCbCr), ColourModel.YCbCr);
        for (int c = 0; c < 3; c++) Assert.Equal(rgb[c].Data, back[c].Data);
        var ycc = ColourPlanes.Split(rgb, ColourModel.YCbCr);
        Assert.Equal((255.0, 128.0, 128.0), (ycc[0].Data[4095], ycc[1].Data[4095], ycc[2].Data[4095]), new ToleranceComparer(1e-9));
    }

    [Fact]
    public void FullRankIsLosslessAndFidelityIsMeasuredOnThePixels()
    {
        var rgb = Rgb(20, 24, 2);
        var compressor = ImageCompressor.Decompose(rgb, ColourModel.YCbCr);
        var full = compressor.Compress([20, 20, 20]);
        Assert.Equal(double.PositiveInfinity, full.Fidelity.PsnrDb);
        Assert.Equal(1.0, full.Fidelity.Ssim);
        var low = compressor.Compress([3, 1, 1]);
        Assert.Equal(ImageQuality.Psnr(rgb, low.Pixels), low.Fidelity.PsnrDb);
        Assert.Equal(ImageQuality.Ssim(ColourPlanes.Luma(rgb), ColourPlanes.Luma(low.Pixels)), low.Fidelity.Ssim);
        Assert.All(low.Pixels, p => Assert.All(p.Data, v => Assert.True(v == Math.Round(v) && v is >= 0 and <= 255)));
    }

    [Fact]
    public void RanksTakeTheChromaRankOnlyForChroma()
    {
        var compressor = ImageCompressor.Decompose(Rgb(20, 24, 3), ColourModel.YCbCr);
        Assert.Equal([6, 2, 2], compressor.Ranks(RankRule.Fixed(6), 2));
        Assert.Equal([6, 6, 6], compressor.Ranks(RankRule.Fixed(6), null));
        var rgb = ImageCompressor.Decompose(Rgb(20, 24, 3), ColourModel.Rgb);
        Assert.Equal([6, 6, 6], rgb.Ranks(RankRule.Fixed(6), 2));
        Assert.Throws<InvalidInputException>(() => ColourPlanes.ModelFor(1, ycbcr: true));
    }

    [Fact]
    public void WorkAlongsideTheMeasurementSeesThePixelsAndItsFailureIsRethrownAsIs()
    {
        var compressor = ImageCompressor.Decompose(Rgb(20, 24, 3), ColourModel.Rgb);
        IReadOnlyList<Matrix>? seen = null;
        var result = compressor.Compress([3, 3, 3], pixels => seen = pixels);
        Assert.Same(result.Pixels, seen);
        Assert.Equal(compressor.Compress([3, 3, 3]).Fidelity, result.Fidelity);
        var failure = Assert.Throws<InvalidInputException>(() => compressor.Compress([3, 3, 3], _ => throw new InvalidInputException("disk full")));
        Assert.Equal("disk full", failure.Message);
        Assert.Throws<InvalidInputException>(() => compressor.Check([3, 21, 3]));
    }

    [Theory]
    [InlineData(8, 0.5)]
    [InlineData(16, 0.1)]
    public void QuantisedFactorsStayCloseToTheUnquantisedImage(int bits, double maxLossDb)
    {
        var camera = ImageFile.Read(Path.Combine(AppContext.BaseDirectory, "samples", "camera.png"));
        var compressor = ImageCompressor.Decompose(camera.Channels, ColourModel.Grey);
        foreach (int k in new[] { 10, 50 })
        {
            var exact = compressor.Compress([k]);
            var quantised = QuantizedImage.From(exact, bits, null);
            double psnr = compressor.Measure(quantised.ToPixels()).PsnrDb;
            Assert.InRange(exact.Fidelity.PsnrDb - psnr, -maxLossDb, maxLossDb);
            int max = QuantizedFactors.MaxCode(bits);
            Assert.All(quantised.Planes[0].UCodes, q => Assert.InRange(q, -max, max));
            Assert.Contains(quantised.Planes[0].UCodes, q => Math.Abs(q) == max);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) a, (double, double, double) b) =>
            Math.Abs(a.Item1 - b.Item1) <= tolerance && Math.Abs(a.Item2 - b.Item2) <= tolerance && Math.Abs(a.Item3 - b.Item3) <= tolerance;

        public int GetHashCode((double, double, double) obj) => 0;
    }
}
