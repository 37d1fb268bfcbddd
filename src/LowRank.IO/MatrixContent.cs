using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// A matrix as its file stores it: dense (<see cref="Dense"/>, with its missing entries counted) or sparse
/// (<see cref="Sparse"/>), exactly one of the two. A ratings file also gives the ids of its rows (users) and columns
/// (items); an svmlight file gives one label per row.
/// </summary>
public sealed record MatrixContent
{
    private MatrixContent(MatrixData? dense, CsrMatrix? sparse)
    {
        Dense = dense;
        Sparse = sparse;
    }

    public MatrixData? Dense { get; }

    public CsrMatrix? Sparse { get; }

    /// <summary>Ratings: the user id of each row.</summary>
    public IdMap? RowIds { get; init; }

    /// <summary>Ratings: the item id of each column.</summary>
    public IdMap? ColumnIds { get; init; }

    /// <summary>svmlight: the label of each row, in file order.</summary>
    public double[]? Labels { get; init; }

    public bool IsSparse => Sparse is not null;

    public int Rows => Sparse?.Rows ?? Dense!.Values.Rows;

    public int Cols => Sparse?.Cols ?? Dense!.Values.Cols;

    public static MatrixContent FromDense(MatrixData dense) => new(dense ?? throw new ArgumentNullException(nameof(dense)), null);

    public static MatrixContent FromSparse(CsrMatrix sparse) => new(null, sparse ?? throw new ArgumentNullException(nameof(sparse)));

    /// <summary>A dense matrix read from <paramref name="path"/>, its NaN entries counted as missing.</summary>
    internal static MatrixContent FromDense(string path, Matrix m) => FromDense(MatrixFile.Checked(path, m));
}
