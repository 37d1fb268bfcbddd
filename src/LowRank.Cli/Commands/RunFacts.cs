namespace LowRank.Cli.Commands;

/// <summary>How a run read its input and the memory it took (<see cref="LargeInput.Facts"/>).</summary>
/// <param name="Passes">Passes over the data by the decomposition (block operators only).</param>
/// <param name="BytesRead">Bytes of the file read (block operators only): loading, plus every out-of-core pass.</param>
/// <param name="PeakMemory">Peak resident memory of the process so far, in bytes.</param>
/// <param name="Storage">in-memory (one dense matrix), in-memory-blocks, or out-of-core.</param>
/// <param name="Dtype">float64 or float32: the precision of the products.</param>
internal sealed record RunFacts(long? Passes, long? BytesRead, long PeakMemory, string Storage, string Dtype);
