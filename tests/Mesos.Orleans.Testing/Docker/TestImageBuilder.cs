using System.Formats.Tar;
using Mesos.Orleans.Docker;

namespace Mesos.Orleans.Testing.Docker;

/// <summary>
/// Builds the busybox test image without a registry: a root file system of a static busybox at /bin/busybox, a
/// symlink per applet in /bin, empty /tmp, /etc, /www — tarred and imported (<c>POST /images/create?fromSrc=-</c>).
/// The busybox comes from Debian's <c>busybox-static</c> (installed when missing and running as root).
/// </summary>
public static class TestImageBuilder
{
    /// <summary>The image's repository.</summary>
    public const string Repository = "mesos-orleans-test/busybox";

    /// <summary>The image's tag.</summary>
    public const string Tag = "latest";

    /// <summary>The applets linked in /bin.</summary>
    public static readonly IReadOnlyList<string> Applets =
    [
        "sh", "sleep", "echo", "cat", "httpd", "wget", "ls", "head", "tail", "dd", "kill", "true", "false", "env",
        "id", "mkdir", "touch", "rm", "printf", "seq", "wc", "test", "pwd", "yes",
    ];

    private static readonly string[] BusyboxCandidates = ["/bin/busybox", "/usr/bin/busybox"];

    /// <summary>Imports the image unless the engine has it.</summary>
    public static async Task EnsureAsync(DockerClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.Images.InspectAsync($"{Repository}:{Tag}", cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var busybox = await FindStaticBusyboxAsync(cancellationToken).ConfigureAwait(false);
        using var tarball = new MemoryStream();
        await WriteRootFsAsync(tarball, busybox, cancellationToken).ConfigureAwait(false);
        tarball.Position = 0;
        await client.Images.ImportAsync(tarball, Repository, Tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the root file system tarball holding <paramref name="busyboxPath"/> to <paramref name="output"/>.</summary>
    public static async Task WriteRootFsAsync(Stream output, string busyboxPath, CancellationToken cancellationToken)
    {
        var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var dir in new[] { "bin", "etc", "tmp", "www" })
            {
                var mode = dir == "tmp" ? (UnixFileMode)0b1_111_111_111 : (UnixFileMode)0b111_101_101;
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, dir + "/") { Mode = mode }, cancellationToken).ConfigureAwait(false);
            }

            var binary = await File.ReadAllBytesAsync(busyboxPath, cancellationToken).ConfigureAwait(false);
            using var data = new MemoryStream(binary);
            await writer.WriteEntryAsync(
                new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0b111_101_101, DataStream = data },
                cancellationToken).ConfigureAwait(false);
            foreach (var applet in Applets)
            {
                await writer.WriteEntryAsync(
                    new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = (UnixFileMode)0b111_111_111 },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<string> FindStaticBusyboxAsync(CancellationToken cancellationToken)
    {
        if (BusyboxCandidates.FirstOrDefault(p => File.Exists(p) && ElfFile.IsStatic(p)) is { } found)
        {
            return found;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"The test image {Repository}:{Tag} is missing and no static busybox is at {string.Join(" or ", BusyboxCandidates)}; install Debian's busybox-static (as root).");
        }

        var notes = new List<string> { "No static busybox found; installing Debian's busybox-static." };
        await AptGet.InstallAsync("busybox-static", notes, cancellationToken).ConfigureAwait(false);
        return BusyboxCandidates.FirstOrDefault(p => File.Exists(p) && ElfFile.IsStatic(p))
            ?? throw new InvalidOperationException("busybox-static is installed but no static busybox was found");
    }
}
