namespace LowRank.Distributed.ScaLapack;

/// <summary>
/// A BLACS process grid of <see cref="Rows"/> × <see cref="Cols"/> processes over MPI_COMM_WORLD, numbered row-major
/// (process r sits at row r / Cols, column r mod Cols), and the array descriptors of matrices distributed on it
/// (the 2-D block-cyclic distribution and its nine-integer descriptor, ScaLAPACK Users' Guide, Blackford et al. 1997). Making and
/// releasing a grid are collective: every process of the world calls <see cref="Create"/> and <see cref="Dispose"/>;
/// processes left out of a smaller grid get <see cref="Contains"/> false.
/// </summary>
internal sealed unsafe class BlacsGrid : IDisposable
{
    private readonly ScaLapackLibrary _library;
    private bool _disposed;

    private BlacsGrid(ScaLapackLibrary library, int context, int rows, int cols, int myRow, int myCol)
    {
        _library = library;
        Context = context;
        Rows = rows;
        Cols = cols;
        MyRow = myRow;
        MyCol = myCol;
    }

    /// <summary>The BLACS context handle; −1 on a process outside the grid.</summary>
    public int Context { get; }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>This process's grid row and column (−1 outside the grid).</summary>
    public int MyRow { get; }

    public int MyCol { get; }

    /// <summary>Whether this process is in the grid.</summary>
    public bool Contains => Context >= 0;

    /// <summary>A <paramref name="rows"/> × <paramref name="cols"/> grid on world ranks 0 … rows·cols − 1 (Cblacs_gridinit, row-major).</summary>
    public static BlacsGrid Create(int rows, int cols)
    {
        var library = ScaLapackLibrary.Current;
        int context;
        library.BlacsGet(0, 0, &context); // what = 0: the default system context, MPI_COMM_WORLD
        byte order = (byte)'R';
        library.BlacsGridInit(&context, &order, rows, cols);
        if (context < 0) return new BlacsGrid(library, -1, rows, cols, -1, -1);
        int nprow, npcol, myRow, myCol;
        library.BlacsGridInfo(context, &nprow, &npcol, &myRow, &myCol);
        return new BlacsGrid(library, context, nprow, npcol, myRow, myCol);
    }

    /// <summary>Rows (or columns) of an <paramref name="n"/>-long dimension in blocks of <paramref name="block"/> that grid row (or column) <paramref name="index"/> of <paramref name="count"/> holds (NUMROC, first block on 0).</summary>
    public int LocalCount(int n, int block, int index, int count)
    {
        int source = 0;
        return _library.Numroc(&n, &block, &index, &source, &count);
    }

    /// <summary>
    /// The global index (0-based) of local index <paramref name="local"/> on grid row (or column) <paramref name="index"/> of
    /// <paramref name="count"/>, in blocks of <paramref name="block"/> dealt cyclically from process 0 (INDXL2G).
    /// </summary>
    public static int GlobalIndex(int local, int block, int index, int count) => (local / block * count + index) * block + local % block;

    /// <summary>
    /// The grid row (or column) of <paramref name="count"/> that holds global index <paramref name="global"/> (0-based) in
    /// blocks of <paramref name="block"/> dealt cyclically from process 0, and its local index there (INDXG2P, INDXG2L).
    /// </summary>
    public static (int Owner, int Local) Locate(int global, int block, int count) =>
        (global / block % count, global / (block * count) * block + global % block);

    /// <summary>
    /// The descriptor of an m×n matrix in <paramref name="rowBlock"/> × <paramref name="colBlock"/> blocks on this grid,
    /// its first block on process (0, 0), with the local leading dimension max(1, local rows) (DESCINIT); outside the
    /// grid, the descriptor with context −1 that pdgemr2d expects of processes holding no part.
    /// Returns the descriptor and this process's local rows and columns.
    /// </summary>
    public (int[] Descriptor, int LocalRows, int LocalCols) Describe(int m, int n, int rowBlock, int colBlock)
    {
        if (!Contains) return ([1, -1, m, n, rowBlock, colBlock, 0, 0, 1], 0, 0);
        int localRows = LocalCount(m, rowBlock, MyRow, Rows), localCols = LocalCount(n, colBlock, MyCol, Cols);
        var descriptor = new int[9];
        int zero = 0, context = Context, leading = Math.Max(1, localRows), info;
        fixed (int* d = descriptor)
            _library.DescInit(d, &m, &n, &rowBlock, &colBlock, &zero, &zero, &context, &leading, &info);
        if (info != 0) throw new InvalidOperationException($"DESCINIT rejected argument {-info} of a {m}×{n} matrix in {rowBlock}×{colBlock} blocks on a {Rows}×{Cols} grid");
        return (descriptor, localRows, localCols);
    }

    /// <summary>Releases the grid (Cblacs_gridexit); MPI stays initialised.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (Contains) _library.BlacsGridExit(Context);
    }
}
