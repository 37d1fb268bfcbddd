using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>Small matrices and comparisons shared by the IO tests.</summary>
internal static class IoFixtures
{
    /// <summary>A 3×4 matrix with awkward values (negative, fractional, tiny, large).</summary>
    public static Matrix Sample() => Matrix.FromArray(new[,]
    {
        { 1.0, -2.5, 0.1, 1e-300 },
        { 3.14159265358979, 0.0, -7.25e10, 42.0 },
        { 1.0 / 3.0, 2.0 / 3.0, -0.0, 123456789.125 },
    });

    /// <summary>Integer values in 0..255, as an image holds.</summary>
    public static Matrix Bytes(int rows, int cols)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m[i, j] = (i * 37 + j * 11) % 256;
        return m;
    }

    public static void Equal(Matrix expected, Matrix actual, double tolerance = 0)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        for (int i = 0; i < expected.Rows; i++)
            for (int j = 0; j < expected.Cols; j++)
                if (tolerance == 0) Assert.Equal(expected[i, j], actual[i, j]);
                else Assert.Equal(expected[i, j], actual[i, j], tolerance);
    }

    /// <summary>Runs <paramref name="action"/>, expecting an <see cref="InvalidInputException"/>, and returns its message.</summary>
    public static string Error(Action action)
    {
        var e = Assert.Throws<InvalidInputException>(action);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }
}
