using LowRank.IO;
using Xunit;

namespace LowRank.Tests.IO;

public class SingularValueCacheTests
{
    [Fact]
    public async Task Concurrent_writers_of_one_cache_leave_a_valid_file_and_readers_never_see_a_partial_one()
    {
        // Two processes building the same cache write the same path; each writes a complete temporary file and renames
        // it into place. Here four writers and a reader race on one path (threads stand in for processes: the rename is
        // the same system call).
        using var dir = new TempDirectory();
        string path = dir.File("labels.lrsv");
        const int count = 2_000, outputs = 32;
        float[] matrices = [.. Enumerable.Range(0, count * 4).Select(i => (float)Math.Sin(i))];
        byte[] key = SingularValueCache.Key(count, 2, 2, matrices);
        double[] labels = [.. Enumerable.Range(0, count * outputs).Select(i => i * 0.5)];
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var read = SingularValueCache.TryRead(path, key, count, 2, 2, outputs, out string why);
                if (read is null) Assert.Equal("absent", why);
                else Assert.Equal(labels, read);
            }
        });
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 10; i++) SingularValueCache.Write(path, key, count, 2, 2, outputs, labels);
        });
        stop.Cancel();
        await reader;
        Assert.Equal(labels, SingularValueCache.TryRead(path, key, count, 2, 2, outputs, out _));
        Assert.Equal(["labels.lrsv"], dir.FileNames()); // no temporary file left behind
    }

    [Fact]
    public void A_cache_of_another_format_version_is_not_trusted()
    {
        using var dir = new TempDirectory();
        string path = dir.File("c.lrsv");
        byte[] key = SingularValueCache.Key(1, 2, 2, [1, 2, 3, 4]);
        SingularValueCache.Write(path, key, 1, 2, 2, 2, [5.4, 0.4]);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[8] = 2; // version 2: a newer build's layout, whatever its checksum says
        File.WriteAllBytes(path, bytes);
        Assert.Null(SingularValueCache.TryRead(path, key, 1, 2, 2, 2, out string why));
        Assert.Equal("format version 2", why);
    }
}
