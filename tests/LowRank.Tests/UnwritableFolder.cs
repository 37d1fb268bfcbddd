namespace LowRank.Tests;

/// <summary>
/// A folder in which creating a file fails with "permission denied": a read-only (0555) folder inside the test's
/// directory, or — for root, whom file modes do not stop — /sys, where even root may not create files.
/// For tests marked <c>[FactOnLinux]</c> (Unix file modes, /sys).
/// </summary>
internal static class UnwritableFolder
{
    public static string In(TempDirectory dir)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("Unix file modes");
        string folder = dir.File("read-only");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (Denied(folder)) return folder;
        return Directory.Exists("/sys") && Denied("/sys") ? "/sys" : throw new InvalidOperationException("no folder here refuses to create files");
    }

    private static bool Denied(string folder)
    {
        string probe = Path.Combine(folder, $"probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
