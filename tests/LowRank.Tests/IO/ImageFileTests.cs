using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class ImageFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("g.png")]
    [InlineData("g.bmp")]
    [InlineData("g.webp")]
    public void GreyRoundTripIsExact(string name)
    {
        Matrix grey = IoFixtures.Bytes(7, 5);
        string path = _dir.File(name);
        ImageFile.Write(path, new ImageData(5, 7, [grey], null));
        ImageData read = ImageFile.Read(path);
        Assert.Equal(5, read.Width);
        Assert.Equal(7, read.Height);
        Assert.Single(read.Channels);
        Assert.Null(read.Alpha);
        IoFixtures.Equal(grey, read.Channels[0]);
    }

    [Fact]
    public void GreyJpegIsClose()
    {
        var grey = new Matrix(16, 16);
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 16; j++)
                grey[i, j] = 100 + 4 * i + 2 * j;
        string path = _dir.File("g.jpg");
        ImageFile.Write(path, new ImageData(16, 16, [grey], null));
        ImageData read = ImageFile.Read(path);
        Assert.Single(read.Channels);
        IoFixtures.Equal(grey, read.Channels[0], tolerance: 4);
    }

    [Fact]
    public void RgbaPngRoundTripKeepsAlpha()
    {
        Matrix r = IoFixtures.Bytes(4, 6), g = IoFixtures.Bytes(6, 4).Transpose(), b = new(4, 6);
        var alpha = new Matrix(4, 6);
        for (int k = 0; k < alpha.Data.Length; k++) { alpha.Data[k] = k * 10 % 256; b.Data[k] = 255 - k; }
        alpha[0, 0] = 0;
        string path = _dir.File("rgba.png");
        ImageFile.Write(path, new ImageData(6, 4, [r, g, b], alpha));
        ImageData read = ImageFile.Read(path);
        Assert.Equal(3, read.Channels.Count);
        Assert.NotNull(read.Alpha);
        IoFixtures.Equal(alpha, read.Alpha!);
        for (int k = 0; k < alpha.Data.Length; k++)
        {
            if (alpha.Data[k] == 0) continue; // fully transparent pixels carry no colour
            Assert.Equal(r.Data[k], read.Channels[0].Data[k]);
            Assert.Equal(g.Data[k], read.Channels[1].Data[k]);
            Assert.Equal(b.Data[k], read.Channels[2].Data[k]);
        }
    }

    [Fact]
    public void ColourBmpDropsAlphaAndKeepsColour()
    {
        Matrix r = IoFixtures.Bytes(3, 5), g = new(3, 5), b = new(3, 5);
        Array.Fill(g.Data, 17.0);
        string path = _dir.File("c.bmp");
        ImageFile.Write(path, new ImageData(5, 3, [r, g, b], null));
        ImageData read = ImageFile.Read(path);
        Assert.Equal(3, read.Channels.Count);
        IoFixtures.Equal(r, read.Channels[0]);
        IoFixtures.Equal(g, read.Channels[1]);
        IoFixtures.Equal(b, read.Channels[2]);
    }

    [Fact]
    public void ValuesAreRoundedAndClamped()
    {
        // 300 needs more than 8 bits, so the matrix is written as a 16-bit PNG: kept, while 70,000 is clamped to 65,535.
        var m = Matrix.FromArray(new[,] { { -20.0, 0.4, 0.6, 254.5, 300, 70_000, double.NaN } });
        string path = _dir.File("clamp.png");
        MatrixFile.Write(path, m);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.0, 0, 1, 254, 300, 65535, 0 } }), MatrixFile.Read(path).Values);
    }

    [Fact]
    public void TruncatedPngIsReported()
    {
        var grey = new Matrix(64, 64);
        var random = new Random(1);
        for (int k = 0; k < grey.Data.Length; k++) grey.Data[k] = random.Next(256);
        string path = _dir.File("full.png");
        ImageFile.Write(path, new ImageData(64, 64, [grey], null));
        byte[] bytes = File.ReadAllBytes(path);
        string cut = _dir.Write("cut.png", bytes[..(bytes.Length / 2)]);
        Assert.StartsWith($"{cut}: ", IoFixtures.Error(() => ImageFile.Read(cut)));
        Assert.StartsWith($"{cut}: ", IoFixtures.Error(() => MatrixFile.Read(cut)));
    }

    [Fact]
    public void GarbageIsNotAnImage()
    {
        string path = _dir.Write("junk.png", "definitely not a png");
        Assert.Contains("not a readable image", IoFixtures.Error(() => ImageFile.Read(path)));
    }

    [Fact]
    public void ToGreyUsesBt601Luma()
    {
        var r = Matrix.FromArray(new[,] { { 255.0, 0 } });
        var g = Matrix.FromArray(new[,] { { 0.0, 255 } });
        var b = Matrix.FromArray(new[,] { { 0.0, 0 } });
        ImageData grey = ImageFile.ToGrey(new ImageData(2, 1, [r, g, b], null));
        Assert.Single(grey.Channels);
        Assert.Equal(0.299 * 255, grey.Channels[0][0, 0], 1e-9);
        Assert.Equal(0.587 * 255, grey.Channels[0][0, 1], 1e-9);
    }

    [Fact]
    public void ResizeKeepsLayoutAndConstantImages()
    {
        var grey = new Matrix(40, 30);
        Array.Fill(grey.Data, 77.0);
        ImageData small = ImageFile.Resize(new ImageData(30, 40, [grey], null), 15, 20);
        Assert.Equal(15, small.Width);
        Assert.Equal(20, small.Height);
        Assert.Single(small.Channels);
        Assert.Null(small.Alpha);
        Assert.All(small.Channels[0].Data, v => Assert.Equal(77, v));
        ImageData large = ImageFile.Resize(new ImageData(30, 40, [grey, grey, grey], null), 60, 80);
        Assert.Equal(3, large.Channels.Count);
        Assert.Equal(80, large.Channels[2].Rows);
        Assert.All(large.Channels[1].Data, v => Assert.Equal(77, v));
    }

    [Fact]
    public void SampleImagesAreRead()
    {
        string? images = SampleImages();
        if (images == null) return; // the shared data is not on this machine
        ImageData camera = ImageFile.Read(Path.Combine(images, "camera.png"));
        Assert.Equal(512, camera.Width);
        Assert.Equal(512, camera.Height);
        Assert.Single(camera.Channels);
        Assert.Equal(512, MatrixFile.Read(Path.Combine(images, "camera.png")).Values.Rows);
        string colour = Path.Combine(images, "color.png");
        Assert.Equal(3, ImageFile.Read(colour).Channels.Count);
        Assert.Contains("colour image", IoFixtures.Error(() => MatrixFile.Read(colour)));
    }

    /// <summary>Walks up from the test binaries to the shared data (../shared/data relative to the repository root).</summary>
    private static string? SampleImages()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, "shared", "data", "images"), Path.Combine(dir.FullName, "..", "shared", "data", "images") })
                if (File.Exists(Path.Combine(candidate, "camera.png"))) return candidate;
        }
        return null;
    }
}
