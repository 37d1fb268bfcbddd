using System.Diagnostics;
using System.Runtime.InteropServices;
using LowRank.IO;
using LowRank.Linalg.Blocked;

namespace LowRank.Cli.Commands;

/// <summary>
/// One pass over a <see cref="RowStream"/> (standard input, text files, files stacked by rows): blocks of rows of at
/// most <see cref="BlockPlan.MaxBufferBytes"/> handed in order to a visitor, the progress line ("rows r, MB/s") updated
/// and Ctrl-C checked after each block, ‖A‖_F² summed on the way.
/// </summary>
internal static class RowStreamPass
{
    /// <summary>Rows per block for rows of <paramref name="cols"/> float64 values.</summary>
    public static int BlockRows(int cols) => (int)Math.Clamp(BlockPlan.MaxBufferBytes / (Math.Max(1, cols) * (long)sizeof(double)), 1, 1 << 20);

    /// <summary>Reads <paramref name="stream"/> to its end; returns the rows read and the sum of the squares of the entries.</summary>
    public static (long Rows, double SquaredNorm) Run(RowStream stream, Action<string> update, RowBlockOperator.BlockAction visit)
    {
        int blockRows = BlockRows(stream.Cols);
        var buffer = new double[(long)blockRows * stream.Cols];
        long rows = 0;
        double squares = 0;
        var clock = Stopwatch.StartNew();
        int n;
        while ((n = stream.Read(buffer, blockRows)) > 0)
        {
            if (rows + n > int.MaxValue) throw new InvalidInputException($"{stream.Name}: more than {int.MaxValue:N0} rows");
            var block = buffer.AsSpan(0, n * stream.Cols);
            visit((int)rows, n, MemoryMarshal.AsBytes(block));
            foreach (double v in block) squares += v * v;
            rows += n;
            update($"{rows:N0} rows, {stream.BytesRead / 1e6 / Math.Max(1e-9, clock.Elapsed.TotalSeconds):0} MB/s"); // throws on Ctrl-C
        }
        return (rows, squares);
    }
}
