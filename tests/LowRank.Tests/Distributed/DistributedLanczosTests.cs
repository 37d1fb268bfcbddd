using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// The distributed Lanczos bidiagonalisation on the one-process group: it is the single-process method run on the
/// distributed layout, so it must give the same bits; and its communication is what docs/distributed.md's model counts.
/// </summary>
public class DistributedLanczosTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    [Theory]
    [InlineData(200, 70)] // tall: the right side fully reorthogonalised, replicated
    [InlineData(60, 150)] // wide: the left side fully reorthogonalised through the layout's sums
    public void OneProcessGivesTheSingleProcessLanczosBitForBit(int m, int n)
    {
        var a = DistributedFixtures.Geometric(m, n, 40, seed: 3);
        var options = new LanczosOptions(Seed: 5);
        var reference = LanczosSvd.Compute(a, 4, options, Backend);
        var svd = DistributedLanczosSvd.Compute(a, new RowBlock(0, m), m, 4, options, new SingleProcessCommunicator(), Backend);
        Assert.Equal(reference.S, svd.S);
        Assert.Equal(reference.U!.Data, svd.LocalU!.Data);
        Assert.Equal(reference.VT!.Data, svd.VT.Data);
        Assert.Equal(reference.Residuals, svd.Residuals);
        Assert.Equal(reference.OperatorProducts, svd.OperatorProducts);
        Assert.Equal(reference.Iterations, svd.Iterations);
        Assert.True(svd.Converged);
    }

    [Theory]
    [InlineData(300, 90)]
    [InlineData(90, 300)]
    public void CommunicationIsOneNVectorAllreducePerTransposedProductAndOnlyShortSumsBesides(int m, int n)
    {
        int k = 5;
        var a = DistributedFixtures.Geometric(m, n, 50, seed: 8);
        var recorder = new RecordingCommunicator();
        var svd = DistributedLanczosSvd.Compute(a, new RowBlock(0, m), m, k, new LanczosOptions(), recorder, Backend);
        int w = new LanczosOptions().WorkSizeFor(k, Math.Min(m, n));
        // docs/distributed.md: half of the iteration's products are Aᵀw, each one Allreduce of n; the explicit residuals
        // add one of n·k (AᵀU) and one of k; the sign rule one AllGather of 2k; every other sum has at most w entries.
        long transposedProducts = (svd.OperatorProducts - 2L * k) / 2;
        Assert.Equal(transposedProducts, recorder.Lengths.Count(l => l == n));
        Assert.Equal(1, recorder.Lengths.Count(l => l == n * k));
        Assert.All(recorder.Lengths.Where(l => l != n && l != n * k), l => Assert.InRange(l, 1, w));
    }

    [Fact]
    public void SketchErrorsSpeakTheLibrarysTermsAndNameTheOversamplingAsTheSettingAtFault()
    {
        var tooLarge = Assert.Throws<InvalidInputException>(() =>
            DistributedRandomizedSvd.Validate(90, 30, new RowBlock(0, 90), 5, new RandomizedSvdOptions(Oversampling: 40)));
        var y = Gaussian.Matrix(100, 4, new Random(3));
        y.Column(3).Clear();
        var deficient = Assert.Throws<InvalidInputException>(() => DistributedOrthonormalization.OrthonormalizeInPlace(y, 100, new SingleProcessCommunicator(), Backend));
        foreach (var e in new[] { tooLarge, deficient })
        {
            Assert.Equal(nameof(RandomizedSvdOptions.Oversampling), e.Parameter);
            Assert.DoesNotContain("--", e.Message);
        }
    }

    /// <summary>The one-process group, recording the length of every collective.</summary>
    private sealed class RecordingCommunicator : ICommunicator
    {
        private readonly SingleProcessCommunicator _inner = new();

        public List<int> Lengths { get; } = [];

        public int Rank => 0;

        public int Size => 1;

        public void Allreduce(Span<double> values, Reduction reduction) => Lengths.Add(values.Length);

        public void Broadcast(Span<byte> buffer, int root) => Lengths.Add(buffer.Length);

        public void Broadcast(Span<double> buffer, int root) => Lengths.Add(buffer.Length);

        public double[] AllGather(ReadOnlySpan<double> local)
        {
            Lengths.Add(local.Length);
            return _inner.AllGather(local);
        }

        public void Barrier() { }

        public void Abort(int exitCode) => _inner.Abort(exitCode);
    }
}
