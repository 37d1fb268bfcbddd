using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>The distributed algorithms on the one-process group: the arithmetic a P-process run does, checked without MPI.</summary>
public class DistributedAlgorithmTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    [Fact]
    public void OneProcessGivesTheSingleProcessRandomizedSvdToRounding()
    {
        var a = DistributedFixtures.Geometric(300, 80, 60, seed: 11);
        var options = new RandomizedSvdOptions(Seed: 4);
        var reference = RandomizedSvd.Compute(a, 5, options, Backend);
        var svd = DistributedRandomizedSvd.Compute(a, new RowBlock(0, 300), 300, 5, options, new SingleProcessCommunicator(), Backend);
        for (int i = 0; i < 5; i++) Assert.Equal(reference.S[i], svd.S[i], 1e-12);
        Assert.True(Core.TestMatrices.MaxAbsDiff(reference.U!, svd.LocalU!) < 1e-10);
        Assert.True(Core.TestMatrices.MaxAbsDiff(reference.VT!, svd.VT) < 1e-10);
        Assert.Equal(reference.OperatorProducts, svd.OperatorProducts);
    }

    [Fact]
    public void CommunicationIsWhatTheModelCountsOneNlAllreducePerProductWithATAndTwoGramsPerOrthonormalisation()
    {
        int m = 200, n = 70, k = 4, p = 6, q = 3, l = k + p;
        var a = DistributedFixtures.Geometric(m, n, 50, seed: 6);
        var metered = new MeteredCommunicator(new SingleProcessCommunicator());
        DistributedRandomizedSvd.Compute(a, new RowBlock(0, m), m, k, new RandomizedSvdOptions(p, q), metered, Backend);
        // docs/distributed.md: (q + 1) Allreduces of n·ℓ, 2(q + 1) of ℓ² (CholeskyQR2's two Grams), one AllGather of 2ℓ signs.
        Assert.Equal((q + 1) + 2 * (q + 1) + 1, metered.Calls);
        Assert.Equal((q + 1L) * n * l + 2L * (q + 1) * l * l + 2L * l, metered.Values);
    }

    [Fact]
    public void WithoutURequestedOnlyValuesAndVtAreReturned()
    {
        var a = DistributedFixtures.Geometric(120, 50, 40, seed: 2);
        var svd = DistributedRandomizedSvd.Compute(a, new RowBlock(0, 120), 120, 3, new RandomizedSvdOptions(), new SingleProcessCommunicator(), Backend, computeU: false);
        Assert.Null(svd.LocalU);
        Assert.Equal(1.0, svd.S[0], 1e-12);
        Assert.Equal((3, 50), (svd.VT.Rows, svd.VT.Cols));
    }

    [Fact]
    public void CholeskyQr2FailsOnAnIllConditionedSketchAndTheShiftedPassStillGivesAnOrthonormalBasisOfItsRange()
    {
        // Y = Q·diag(1, 10⁻², …, 10⁻¹²)·W: κ(Y) = 10¹², past plain CholeskyQR2 (κ ≲ 10⁸).
        var q = Orthonormalization.Orthonormalize(Gaussian.Matrix(200, 7, new Random(1)), Backend);
        var w = Orthonormalization.Orthonormalize(Gaussian.Matrix(7, 7, new Random(2)), Backend);
        var y = q.Clone();
        for (int j = 0; j < 7; j++)
            foreach (ref double x in y.Column(j)) x *= Math.Pow(10, -2 * j);
        y = Backend.Multiply(y, w);
        Assert.False(Backend.Cholesky(Backend.Multiply(y, y, transA: true)), "the test needs a Gram matrix that Cholesky refuses");

        var basis = y.Clone();
        var r = DistributedOrthonormalization.OrthonormalizeInPlace(basis, 200, new SingleProcessCommunicator(), Backend);
        var gram = Backend.Multiply(basis, basis, transA: true);
        Assert.True(Core.TestMatrices.MaxAbsDiff(gram, Matrix.Identity(7)) < 1e-13);
        // Y = Q·R with R upper triangular, relative to ‖Y‖ (≈ 1)
        Assert.True(Core.TestMatrices.MaxAbsDiff(Backend.Multiply(basis, r), y) < 1e-13);
        for (int j = 0; j < 7; j++)
            for (int i = j + 1; i < 7; i++) Assert.Equal(0, r[i, j]);
        // The range of Y: its directions of weight ≥ 10⁻⁶ (the first 4 columns of Q) lie in span(basis) to rounding/weight.
        // (Rounding in forming Y moves its 10⁻¹² direction by ~u/10⁻¹², for any QR, so that one is not compared.)
        var leading = DistributedFixtures.Rows(q.Transpose(), 0, 4).Transpose();
        var projected = Backend.Multiply(basis, Backend.Multiply(basis, leading, transA: true));
        Assert.True(Core.TestMatrices.MaxAbsDiff(projected, leading) < 1e-9);
    }

    [Fact]
    public void ARankDeficientSketchIsRefusedWithTheWayOut()
    {
        var y = Gaussian.Matrix(100, 4, new Random(3));
        y.Column(3).Clear();
        var e = Assert.Throws<InvalidInputException>(() => DistributedOrthonormalization.OrthonormalizeInPlace(y, 100, new SingleProcessCommunicator(), Backend));
        Assert.Contains("rank-deficient", e.Message);
    }

    [Fact]
    public void SignRuleOnRowBlocksFlipsAsTheSingleProcessRuleDoes()
    {
        var u = Gaussian.Matrix(30, 4, new Random(8));
        u[4, 0] = -9;  // the largest entry of column 0 is negative: flip
        u[20, 1] = 9;  // positive: keep
        u[3, 2] = -9;
        u[25, 2] = 9;  // a tie: the first (row 3, negative) decides: flip
        var vt = Gaussian.Matrix(4, 6, new Random(9));
        var (uSingle, vtSingle) = (u.Clone(), vt.Clone());
        SignConvention.Apply(uSingle, vtSingle);
        var vtBlock = vt.Clone();
        var top = DistributedFixtures.Rows(u, 0, 30);
        DistributedSignConvention.Apply(top, vtBlock, new SingleProcessCommunicator());
        Assert.Equal(uSingle.Data, top.Data);
        Assert.Equal(vtSingle.Data, vtBlock.Data);
        Assert.True(uSingle[4, 0] > 0 && uSingle[20, 1] > 0 && uSingle[3, 2] > 0);
    }

    [Fact]
    public void AgreementRethrowsTheProcessesOwnFailureAndPassesWhenNoneFailed()
    {
        var one = new SingleProcessCommunicator();
        Agreement.Check(one, null);
        Assert.Equal(3, Agreement.Run(one, () => 3));
        var e = Assert.Throws<InvalidInputException>(() => Agreement.Run(one, () => throw new InvalidInputException("bad row 7")));
        Assert.Equal("bad row 7", e.Message);
    }
}
