namespace LowRank.Linalg;

/// <summary>Every row on this process: sums over rows are already complete, and a norm is <see cref="EuclideanNorm.Fast"/>.</summary>
public sealed class WholeRows(int rows) : IRowLayout
{
    public int TotalRows { get; } = rows;

    public int Start => 0;

    public int Count => TotalRows;

    public void Sum(Span<double> partial) { }

    public double Norm(ReadOnlySpan<double> local) => EuclideanNorm.Fast(local);
}
