namespace LowRank.Compression;

/// <summary>
/// How close 8-bit pixels are to the original: PSNR over every colour channel (one MSE over all R, G, B values, peak
/// 255) and mean SSIM on BT.601 luma (<see cref="Approximation.ImageQuality.Ssim"/>); alpha is stored exactly and
/// does not enter either.
/// </summary>
public sealed record ImageFidelity(double PsnrDb, double Ssim);
