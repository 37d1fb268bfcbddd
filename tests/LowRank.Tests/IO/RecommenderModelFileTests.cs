using System.Buffers.Binary;
using System.Security.Cryptography;
using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>The .lrm saved-recommender format: bit-exact round trips, and refusal of every damaged or foreign file.</summary>
public class RecommenderModelFileTests
{
    private static SavedRecommender Fitted(string method, bool titles = true)
    {
        var set = SyntheticRatings.Generate(9, 7, rank: 2, density: 0.6, noise: 0.3, seed: 1);
        var predictor = PredictorRegistry.Create(method, new CompletionOptions { Rank = 3, Epochs = 3 });
        predictor.Fit(set);
        string?[]? names = titles ? Enumerable.Range(0, 7).Select(i => i == 2 ? null : $"Title, \"{i}\" é").ToArray() : null;
        return SavedRecommenders.From(predictor, Enumerable.Range(0, 9).Select(u => $"user {u}").ToArray(),
            Enumerable.Range(0, 7).Select(i => $"i{i * 10}").ToArray(), names);
    }

    private static long[] Bits(ReadOnlySpan<double> values) => values.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Theory]
    [InlineData("als", true)]
    [InlineData("sgd", false)]
    [InlineData("baseline", true)]
    public void RoundTripsBitExactly(string method, bool titles)
    {
        var model = Fitted(method, titles);
        byte[] file = RecommenderModelFile.Encode(model);
        var back = RecommenderModelFile.Decode(file, "m.lrm");
        Assert.Equal((model.Method, model.Settings, model.Scale, model.Biases, model.Rank, model.FoldInRule),
            (back.Method, back.Settings, back.Scale, back.Biases, back.Rank, back.FoldInRule));
        Assert.Equal(BitConverter.DoubleToInt64Bits(model.Mean), BitConverter.DoubleToInt64Bits(back.Mean));
        Assert.Equal(Bits(model.UserBias), Bits(back.UserBias));
        Assert.Equal(Bits(model.ItemBias), Bits(back.ItemBias));
        Assert.Equal(Bits(model.UserFactors), Bits(back.UserFactors));
        Assert.Equal(Bits(model.ItemFactors), Bits(back.ItemFactors));
        Assert.Equal(model.UserIds, back.UserIds);
        Assert.Equal(model.ItemIds, back.ItemIds);
        Assert.Equal(model.ItemTitles, back.ItemTitles);
        for (int u = 0; u < model.UserCount; u++) Assert.Equal(model.RatedItems(u).ToArray(), back.RatedItems(u).ToArray());
        Assert.Equal(file, RecommenderModelFile.Encode(back));
    }

    [Fact]
    public void WritesAtomicallyAndReadsBack()
    {
        using var dir = new TempDirectory();
        var model = Fitted("als");
        string path = dir.File("m.lrm");
        RecommenderModelFile.Write(path, model);
        Assert.Equal(RecommenderModelFile.Encode(model), File.ReadAllBytes(path));
        Assert.Equal(model.Predict(3, 4), RecommenderModelFile.Read(path).Predict(3, 4));
        Assert.Equal(["m.lrm"], dir.FileNames());
        var missing = Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Read(dir.File("none.lrm")));
        Assert.Contains("no such file", missing.Message);
    }

    [Fact]
    public void EveryFlippedBitIsRefused()
    {
        byte[] file = RecommenderModelFile.Encode(Fitted("als"));
        for (int position = 0; position < file.Length; position++)
        {
            byte[] damaged = (byte[])file.Clone();
            damaged[position] ^= (byte)(1 << (position % 8));
            var e = Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode(damaged, "m.lrm"));
            Assert.StartsWith("m.lrm: ", e.Message);
        }
    }

    [Fact]
    public void TruncatedOrExtendedFilesAreRefused()
    {
        byte[] file = RecommenderModelFile.Encode(Fitted("sgd"));
        foreach (int length in new[] { 0, 3, 9, 20, 31, 32, 100, file.Length - 32, file.Length - 1 })
        {
            var e = Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode(file[..length], "m.lrm"));
            Assert.True(e.Message.Contains("truncated") || e.Message.Contains("magic"), e.Message);
        }
        var longer = Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode([.. file, 0], "m.lrm"));
        Assert.Contains("1 unexpected bytes after the checksum", longer.Message);
    }

    [Fact]
    public void ForeignAndFutureFilesAreRefusedWithWhatTheyAre()
    {
        byte[] file = RecommenderModelFile.Encode(Fitted("als"));
        byte[] future = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(future.AsSpan(8), RecommenderModelFile.Version + 1);
        Assert.Contains("version 2 is newer than this build reads", Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode(future, "m.lrm")).Message);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[40]];
        Assert.Contains("wrong magic", Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode(png, "m.lrm")).Message);
        byte[] neural = [0x89, (byte)'L', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A, .. new byte[40]];
        Assert.Contains("neural-network model file", Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode(neural, "m.lrm")).Message);
        // A well-formed file (valid checksum) of a method this build cannot serve.
        var model = Fitted("als");
        var foreign = new SavedRecommender("bpmf", "", model.Scale, model.Mean, model.Biases, model.Rank, model.FoldInRule, model.UserBias.ToArray(),
            model.ItemBias.ToArray(), model.UserFactors.ToArray(), model.ItemFactors.ToArray(), [.. model.UserIds], [.. model.ItemIds],
            model.RatedStart.ToArray(), Enumerable.Range(0, model.UserCount).SelectMany(u => model.RatedItems(u).ToArray()).ToArray());
        Assert.Contains("'bpmf' model, which this build cannot serve", Assert.Throws<InvalidInputException>(
            () => RecommenderModelFile.Decode(RecommenderModelFile.Encode(foreign), "m.lrm")).Message);
    }

    [Fact]
    public void AFileWhosePartsDoNotFitIsRefusedEvenWithAValidChecksum()
    {
        byte[] file = RecommenderModelFile.Encode(Fitted("als"));
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(20), 6); // one item fewer than the payload holds
        SHA256.HashData(file.AsSpan(0, file.Length - 32), file.AsSpan(file.Length - 32));
        var e = Assert.Throws<InvalidInputException>(() => RecommenderModelFile.Decode(file, "m.lrm"));
        Assert.Contains("corrupt", e.Message);
    }
}
