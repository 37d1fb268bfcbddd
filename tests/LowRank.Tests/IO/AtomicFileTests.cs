using LowRank.IO;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesAndCreatesTheParentDirectory()
    {
        string path = Path.Combine(_dir.Path, "sub", "dir", "out.txt");
        AtomicFile.Write(path, s => s.Write("hello"u8));
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void LeavesNoFileWhenTheWriterThrows()
    {
        string path = _dir.File("out.csv");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void KeepsTheOldContentWhenTheWriterThrows()
    {
        string path = _dir.Write("out.csv", "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("boom")));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void ReplacesAnExistingFile()
    {
        string path = _dir.Write("out.csv", "old");
        AtomicFile.Write(path, s => s.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void WritingOverADirectoryIsAnInputError()
    {
        string path = _dir.File("adir");
        Directory.CreateDirectory(path);
        Assert.StartsWith($"{path}: ", IoFixtures.Error(() => AtomicFile.Write(path, s => s.WriteByte(1))));
    }
}
