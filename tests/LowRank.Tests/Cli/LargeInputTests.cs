using LowRank.Cli.Commands;
using LowRank.Decompositions;
using LowRank.Linalg.Blocked;
using LowRank.Tests.Blocked;
using LowRank.Tests.Compression;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>When svd trades OpenBLAS's threads for row workers on a float64 matrix held in memory, and when it leaves them alone.</summary>
public class LargeInputTests
{
    private static LargeInput Resident(BlockElementType type, IDisposable? file = null)
    {
        var blocks = new RowBlockOperator(new RowMajorSource(TestMatrices.Random(40, 12, 1), type), 16);
        return new LargeInput(blocks, blocks, file, 0, SvdMethod.Randomized);
    }

    [Fact]
    public void ANarrowSketchOfFloat64RowsInMemoryGetsOneWorkerPerThreadAndOneBlasThread()
    {
        var input = Resident(BlockElementType.Float64);
        var backend = new ThreadCountSpyBackend(2);
        input.ShareFusedPassesByRows(backend, LargeInput.MaxVectorsSharedByRows);
        Assert.Equal(2, input.Blocks.Workers);
        Assert.Equal(1, backend.Sets);
    }

    [Fact]
    public void AWideSketchFloat32BlocksOutOfCoreOrOneThreadKeepBlasThreading()
    {
        var cases = new (LargeInput Input, int Threads, int Vectors)[]
        {
            (Resident(BlockElementType.Float64), 2, LargeInput.MaxVectorsSharedByRows + 1),
            (Resident(BlockElementType.Float32), 2, 20),
            (Resident(BlockElementType.Float64, new MemoryStream()), 2, 20),
            (Resident(BlockElementType.Float64), 1, 20),
        };
        foreach (var (input, threads, vectors) in cases)
        {
            var backend = new ThreadCountSpyBackend(threads);
            input.ShareFusedPassesByRows(backend, vectors);
            Assert.Equal(1, input.Blocks.Workers);
            Assert.Equal(0, backend.Sets);
        }
    }
}
