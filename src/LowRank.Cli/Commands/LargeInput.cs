using System.Diagnostics;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.Cli.Commands;

/// <summary>
/// A .npy input multiplied block by block (<see cref="LargeDataFlags.Open"/>): the operator the algorithms see (A, or Aᵀ
/// of the stored rows for a Fortran-order file), the block operator that counts passes and bytes, and the open file
/// when it is read out of core; and the SVD method for it (auto is randomized).
/// </summary>
internal sealed record LargeInput(ILinearOperator Operator, RowBlockOperator Blocks, IDisposable? File, long LoadedBytes, SvdMethod Method) : IDisposable
{
    /// <summary>Whether the matrix is read from the file on every pass (rather than held in memory).</summary>
    public bool OutOfCore => File is not null;

    /// <summary>Shows "pass p, block b/B, r MB/s" through a progress action, which also checks for Ctrl-C between blocks.</summary>
    public void ReportTo(Action<string> update) =>
        Blocks.Progress = p => update(OutOfCore
            ? $"pass {p.Pass}, block {p.Block}/{p.Blocks}, {p.MegabytesPerSecond:0} MB/s"
            : $"pass {p.Pass}, block {p.Block}/{p.Blocks}");

    public void Dispose() => File?.Dispose();

    /// <summary>
    /// Widest sketch (k + p columns) whose passes are shared by rows: on 4000 × 4000 the pass took 28.5 / 54.5 / 94.7 ms
    /// with two workers against 40.7 / 81.3 / 99.5 ms on OpenBLAS's two threads at 20 / 60 / 110 columns, and at 110 the
    /// whole SVD was no faster with one BLAS thread (703 against 662 ms, and 667–674 against 666 ms once the power
    /// iterations' normalisations took one CholeskyQR pass: its orthonormalisations lose what the pass gains;
    /// docs/benchmarks.md, "Fresh pages and gemm shapes").
    /// </summary>
    public const int MaxVectorsSharedByRows = 64;

    /// <summary>
    /// For a float64 matrix held in memory, run by the randomized SVD's fused passes (float64 or mixed): the backend's threads become
    /// <see cref="RowBlockOperator.Workers"/> that share each block's rows, each with single-threaded BLAS, because
    /// OpenBLAS's own threads split those thin products poorly (as the image command runs its planes side by side on
    /// one BLAS thread each). The rest of the run (the l-column orthonormalisations, the small SVD) then runs on one BLAS
    /// thread, which costs less than the passes gain while the sketch has at most <see cref="MaxVectorsSharedByRows"/>
    /// columns. Out of core (where a reader thread shares the cores) and for float32 blocks the threading stays with BLAS.
    /// </summary>
    public void ShareFusedPassesByRows(ILinalgBackend backend, int vectors)
    {
        if (OutOfCore || Blocks.ElementType != BlockElementType.Float64 || backend.Threads < 2 || vectors > MaxVectorsSharedByRows) return;
        Blocks.Workers = backend.Threads;
        backend.Threads = 1;
    }

    /// <summary>
    /// What a run of svd, approx or pca reports about reading its input (JSON <c>passes</c>, <c>bytes_read</c>,
    /// <c>peak_memory</c>, <c>storage</c>, <c>dtype</c>), taken right after the decomposition: passes and bytes only for
    /// a block operator (a matrix loaded whole is read once, before).
    /// </summary>
    public static RunFacts Facts(LargeInput? large) => new(
        large?.Blocks.Passes,
        large is null ? null : large.Blocks.BytesRead + large.LoadedBytes,
        Process.GetCurrentProcess().PeakWorkingSet64,
        large is null ? "in-memory" : large.OutOfCore ? "out-of-core" : "in-memory-blocks",
        large?.Blocks.ElementType == BlockElementType.Float32 ? "float32" : "float64");
}
