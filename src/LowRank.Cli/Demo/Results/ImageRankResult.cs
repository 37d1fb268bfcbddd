namespace LowRank.Cli.Demo;

/// <summary>One rank of the photograph: relative errors in both norms, PSNR of the 8-bit image, storage.</summary>
internal sealed record ImageRankResult(int Rank, double RelErrorSpectral, double RelErrorFrobenius, double PsnrDb, long StoredNumbers, double StorageRatio);
