namespace Mesos.Orleans.Master.Security;

/// <summary>
/// Token files: one token per line (blank lines and lines starting with <c>#</c> are ignored). A missing file can be
/// created with a new random token, readable by its owner only (0600).
/// </summary>
public static class TokenFile
{
    /// <summary>The tokens in <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Read(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    /// <summary>
    /// The tokens in <paramref name="path"/>; when the file does not exist, it is created (0600) with a new token.
    /// <paramref name="created"/> says which happened.
    /// </summary>
    public static IReadOnlyList<string> ReadOrCreate(string path, out bool created)
    {
        created = false;
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var token = BearerTokens.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // never readable by others, not even briefly
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(token);
        }

        created = true;
        return [token];
    }
}
