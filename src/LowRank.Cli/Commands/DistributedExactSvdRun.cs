using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Distributed.ScaLapack;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank svd --method exact</c> started by <c>mpirun</c>: every process reads its block of ⌈m/P⌉ rows
/// (<see cref="ScaLapackSvd.RowBlockFor"/>, dense; a csr .npz block is densified), ScaLAPACK computes the exact SVD
/// (<see cref="ScaLapackSvd"/>, with the bidiagonal SVD of <c>--driver</c>: dc or qr), and the outputs are written as on the randomized path
/// (<see cref="DistributedSvdRun.WriteOutputs"/>): U by every process into one .npy, S and V by rank 0. Reading,
/// the checks and a missing ScaLAPACK are agreed failures (one line, the same exit code on every process).
/// </summary>
internal static class DistributedExactSvdRun
{
    public static void Execute(CliContext context, DistributedSvdRun.Request request, System.CommandLine.Command command, ICommunicator world)
    {
        var backend = context.Backend; // sets the BLAS threads pdgesvd's OpenBLAS uses
        int blockSize = request.BlockSize ?? ScaLapackSvd.DefaultBlockSize;
        var driver = ScaLapackSvd.DefaultDriver;
        bool vectors = request.UPath is not null || request.VPath is not null; // V's signs follow U's columns
        var clock = Stopwatch.StartNew();
        var (block, local, rows, cols) = Agreement.Run(world, () =>
        {
            DistributedSvdRun.Check(request);
            driver = ParseDriver(request.Driver);
            var (m, n) = RowBlockInput.Shape(request.Path);
            ScaLapackSvd.Validate(m, n, request.Rank, vectors, blockSize, world.Size, driver);
            var rowBlock = ScaLapackSvd.RowBlockFor(m, world.Rank, world.Size);
            var read = RowBlockInput.ReadRows(request.Path, rowBlock.Start, rowBlock.Count, asMatrix: true);
            return (rowBlock, read as Matrix ?? read.ToDense(backend), m, n);
        });
        double readSeconds = clock.Elapsed.TotalSeconds;
        var energyTotal = new[] { local.SquaredFrobeniusNorm() };
        world.Allreduce(energyTotal, Reduction.Sum);
        clock.Restart();
        var svd = DistributedRun.ComputeOrAbort(context, command, world, () => ScaLapackSvd.Compute(local, block, rows, request.Rank, vectors, world, blockSize, driver));
        double seconds = clock.Elapsed.TotalSeconds;
        var energy = SpectrumEnergy.Of(svd.S, energyTotal[0]);

        DistributedSvdRun.WriteOutputs(context, request, svd, world);
        if (world.Rank != 0) return;
        var (gridRows, gridCols) = ScaLapackSvd.Grid(world.Size);
        var report = new
        {
            Rows = rows,
            Cols = cols,
            Method = "exact",
            Backend = backend.Name,
            Threads = backend.Threads,
            Processes = world.Size,
            Grid = $"{gridRows}x{gridCols}",
            BlockSize = blockSize,
            Driver = DriverName(driver),
            SingularValues = svd.S,
            TotalEnergy = energy.Total,
            EnergyShare = energy.Shares,
            CumulativeEnergyShare = energy.Cumulative,
            SecondsRead = readSeconds,
            Seconds = seconds,
        };
        if (request.Json) JsonReport.Write(context.Output, report);
        else Tables.Svd(context, request.Path, rows, cols, $"exact (ScaLAPACK {Routines(driver)}, {world.Size} processes on a {gridRows}×{gridCols} grid)", backend.Name, energy, svd.S, seconds);
    }

    /// <summary>The <c>--driver</c> name of <paramref name="driver"/>.</summary>
    public static string DriverName(ScaLapackDriver driver) => driver == ScaLapackDriver.QrIteration ? "qr" : "dc";

    private static string Routines(ScaLapackDriver driver) => driver == ScaLapackDriver.QrIteration ? "pdgesvd" : "pdgebrd + dbdsdc + pdormbr";

    /// <summary><c>--driver qr|dc</c>, or the default when absent.</summary>
    private static ScaLapackDriver ParseDriver(string? name) => name switch
    {
        null => ScaLapackSvd.DefaultDriver,
        "dc" => ScaLapackDriver.DivideAndConquer,
        "qr" => ScaLapackDriver.QrIteration,
        _ => throw new InvalidInputException($"--driver {name}: use dc (divide and conquer) or qr (pdgesvd's QR iteration)"),
    };
}
