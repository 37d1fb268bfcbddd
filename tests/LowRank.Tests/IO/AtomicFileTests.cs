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

    [Fact]
    public void A_cancelled_write_leaves_neither_the_temporary_nor_the_target()
    {
        string path = _dir.File("out.csv");
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            cancel.Cancel(); // as SIGINT does, from another thread, while the writer is busy
            s.Write(new byte[1000]);
            Assert.Fail("the write after the cancellation went through");
        }, cancel.Token));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Cli.FactOnLinux]
    public void An_unwritable_folder_is_an_io_failure_naming_the_file_not_bad_input()
    {
        string folder = UnwritableFolder.In(_dir);
        string path = Path.Combine(folder, "out.csv");
        var e = Assert.Throws<FileAccessException>(() => AtomicFile.Write(path, s => s.WriteByte(1)));
        Assert.Equal($"{path}: cannot write: permission denied", e.Message);
        Assert.Equal(path, e.Path);
    }
}
