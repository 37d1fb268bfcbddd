namespace LowRank.Linalg.Blocked;

/// <summary>Where a pass over a <see cref="RowBlockOperator"/> is: for a progress display (pass, block, read rate).</summary>
/// <param name="Pass">1-based number of the pass over the data.</param>
/// <param name="Block">Blocks done in this pass.</param>
/// <param name="Blocks">Blocks in a pass.</param>
/// <param name="BytesRead">Bytes read from the source so far, over all passes.</param>
/// <param name="Seconds">Seconds spent in passes so far.</param>
public sealed record BlockProgress(long Pass, int Block, int Blocks, long BytesRead, double Seconds)
{
    /// <summary>Read rate over all passes, in MB/s (10⁶ bytes).</summary>
    public double MegabytesPerSecond => Seconds > 0 ? BytesRead / 1e6 / Seconds : 0;
}
