using Mesos.Orleans.Testing;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Mesos.Orleans.Docker.Tests.Support;

/// <summary>
/// A minimal registry (distribution API v2, plain HTTP on 127.0.0.1, which the engine treats as insecure) serving one
/// image: a schema 2 manifest, its config and one gzipped layer holding <c>/hello.txt</c>. With
/// <c>corruptLayer</c> the layer's bytes do not match its digest, so the engine fails the pull after it has started
/// streaming progress (an in-stream <c>errorDetail</c>).
/// </summary>
public sealed class FakeRegistry : IDisposable
{
    /// <summary>The repository the registry serves.</summary>
    public const string RepositoryName = "mesos-orleans-test/pulled";

    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly byte[] _manifest;
    private readonly bool _corruptLayer;
    private readonly Task _serving;

    private FakeRegistry(int port, bool corruptLayer)
    {
        Port = port;
        _corruptLayer = corruptLayer;
        var layerTar = LayerTar();
        var layer = Gzip(layerTar);
        LayerDigest = Digest(layer);
        var config = Encoding.UTF8.GetBytes(
            $$"""{"architecture":"{{EngineArchitecture()}}","os":"linux","config":{"Cmd":["/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["{{Digest(layerTar)}}"]},"history":[{"created_by":"FakeRegistry"}]}""");
        var configDigest = Digest(config);
        _blobs[LayerDigest] = layer;
        _blobs[configDigest] = config;
        _manifest = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":{{config.Length}},"digest":"{{configDigest}}"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":{{layer.Length}},"digest":"{{LayerDigest}}"}]}""");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The port the registry listens on.</summary>
    public int Port { get; }

    /// <summary>The digest (<c>sha256:…</c>) of the image's one layer.</summary>
    public string LayerDigest { get; }

    /// <summary>The reference of the served image under <paramref name="tag"/>.</summary>
    public string Reference(string tag) => $"127.0.0.1:{Port}/{RepositoryName}:{tag}";

    /// <summary>Starts a registry on a free port.</summary>
    public static FakeRegistry Start(bool corruptLayer) => new(FreePort.Next(), corruptLayer);

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's loop ends with an exception when stopped.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The engine hung up; keep serving.
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? "";
        var response = context.Response;
        response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var manifestPrefix = $"/v2/{RepositoryName}/manifests/";
        var blobPrefix = $"/v2/{RepositoryName}/blobs/";
        byte[] body;
        if (path is "/v2/" or "/v2")
        {
            (response.ContentType, body) = ("application/json", "{}"u8.ToArray());
        }
        else if (path.StartsWith(manifestPrefix, StringComparison.Ordinal))
        {
            response.ContentType = "application/vnd.docker.distribution.manifest.v2+json";
            response.Headers["Docker-Content-Digest"] = Digest(_manifest);
            body = _manifest;
        }
        else if (path.StartsWith(blobPrefix, StringComparison.Ordinal) && _blobs.TryGetValue(path[blobPrefix.Length..], out var blob))
        {
            response.ContentType = "application/octet-stream";
            response.Headers["Docker-Content-Digest"] = path[blobPrefix.Length..];
            body = _corruptLayer && path.EndsWith(LayerDigest, StringComparison.Ordinal) ? Corrupt(blob) : blob;
        }
        else
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            (response.ContentType, body) = ("application/json", """{"errors":[{"code":"NAME_UNKNOWN","message":"not served here"}]}"""u8.ToArray());
        }

        response.ContentLength64 = body.Length;
        if (context.Request.HttpMethod != "HEAD")
        {
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        }

        response.Close();
    }

    private static byte[] Corrupt(byte[] blob)
    {
        var copy = (byte[])blob.Clone();
        copy[^1] ^= 0xff;
        return copy;
    }

    private static byte[] LayerTar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var data = new MemoryStream("hello from the fake registry\n"u8.ToArray());
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { Mode = (UnixFileMode)0b110_100_100, DataStream = data });
        }

        return tar.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static string EngineArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };
}
