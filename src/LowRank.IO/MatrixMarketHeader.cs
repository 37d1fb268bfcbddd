namespace LowRank.IO;

/// <summary>
/// The banner of a Matrix Market file: <c>%%MatrixMarket matrix array|coordinate real|integer|pattern
/// general|symmetric|skew-symmetric</c> (NIST Matrix Market exchange format, Boisvert, Pozo &amp; Remington 1996).
/// </summary>
internal sealed record MatrixMarketHeader(bool Coordinate, bool Pattern, string Symmetry)
{
    public bool Symmetric => Symmetry == "symmetric";

    public bool SkewSymmetric => Symmetry == "skew-symmetric";

    public static MatrixMarketHeader Parse(string path, string? banner)
    {
        if (banner == null) throw InputFile.Error(path, "the file is empty");
        string[] t = banner.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (t.Length == 0 || t[0] != "%%matrixmarket")
            throw InputFile.Error(path, "line 1: not a Matrix Market file (it must start with %%MatrixMarket)");
        if (t.Length != 5 || t[1] != "matrix")
            throw InputFile.Error(path, "line 1: expected '%%MatrixMarket matrix <array|coordinate> <real|integer|pattern> <general|symmetric|skew-symmetric>'");
        if (t[2] is not ("array" or "coordinate"))
            throw InputFile.Error(path, $"line 1: unknown format '{t[2]}' (array or coordinate)");
        if (t[3] == "complex")
            throw InputFile.Error(path, "line 1: complex matrices are not supported (real, integer or pattern only)");
        if (t[3] is not ("real" or "integer" or "pattern" or "double"))
            throw InputFile.Error(path, $"line 1: unknown field '{t[3]}' (real, integer or pattern)");
        if (t[4] == "hermitian")
            throw InputFile.Error(path, "line 1: hermitian matrices are complex, which is not supported");
        if (t[4] is not ("general" or "symmetric" or "skew-symmetric"))
            throw InputFile.Error(path, $"line 1: unknown symmetry '{t[4]}' (general, symmetric or skew-symmetric)");
        if (t[2] == "array" && t[3] == "pattern")
            throw InputFile.Error(path, "line 1: 'pattern' is only valid with the coordinate format");
        return new MatrixMarketHeader(t[2] == "coordinate", t[3] == "pattern", t[4]);
    }
}
