using System.Net.Http.Headers;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Json;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Docker.Images;

/// <summary>The image endpoints: inspect, pull, import, remove.</summary>
public sealed class ImageOperations
{
    private readonly DockerTransport _transport;

    internal ImageOperations(DockerTransport transport) => _transport = transport;

    /// <summary>Describes the image <paramref name="name"/> (<c>repo:tag</c> or id), or returns null when there is none.</summary>
    public async Task<ImageInspect?> InspectAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _transport.SendJsonAsync(HttpMethod.Get, $"images/{PathSegments.Escape(name)}/json", DockerJsonContext.Default.ImageInspect, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Pulls <paramref name="image"/> (<c>name[:tag]</c> or <c>name@digest</c>; no tag means <c>latest</c>) and reports
    /// each progress line to <paramref name="progress"/>. Completes when the engine has the image.
    /// </summary>
    /// <exception cref="DockerImagePullException">The engine refused the pull or reported an error in its stream.</exception>
    public async Task PullAsync(string image, IProgress<ImagePullProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (fromImage, tag) = ImageReference.Split(image);
        var query = new QueryBuilder().Add("fromImage", fromImage).Add("tag", tag);
        await ReadProgressAsync(image, "images/create" + query, null, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the image <paramref name="repository"/>:<paramref name="tag"/> from a tarball of a root file system
    /// (<c>docker import</c>) and returns its id. The tarball is read to its end; the caller disposes it.
    /// </summary>
    /// <exception cref="DockerImagePullException">The engine refused the import or reported an error in its stream.</exception>
    public async Task<string> ImportAsync(Stream tarball, string repository, string tag = "latest", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tarball);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var query = new QueryBuilder().Add("fromSrc", "-").Add("repo", repository).Add("tag", tag);
        var content = new StreamContent(tarball); // not disposed: that would dispose the caller's tarball
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        var last = await ReadProgressAsync($"{repository}:{tag}", "images/create" + query, content, null, cancellationToken).ConfigureAwait(false);
        return last?.Status ?? throw new DockerException($"The Docker engine did not report the id of imported image {repository}:{tag}");
    }

    /// <summary>Removes the image <paramref name="name"/> (with <paramref name="force"/>, even when containers use it).</summary>
    /// <exception cref="DockerNotFoundException">There is no such image.</exception>
    /// <exception cref="DockerConflictException">A container uses the image and <paramref name="force"/> is false.</exception>
    public Task RemoveAsync(string name, bool force = false, CancellationToken cancellationToken = default) =>
        _transport.SendNoContentAsync(HttpMethod.Delete, $"images/{PathSegments.Escape(name)}" + new QueryBuilder().Add("force", force), cancellationToken);

    private async Task<ImagePullProgress?> ReadProgressAsync(
        string image, string path, HttpContent? content, IProgress<ImagePullProgress>? progress, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(HttpMethod.Post, path, content, versioned: true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new DockerImagePullException(image, e.EngineMessage, e);
        }

        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                ImagePullProgress? last = null;
                await foreach (var line in JsonLinesReader.ReadAsync(stream, DockerJsonContext.Default.ImagePullProgress, cancellationToken).ConfigureAwait(false))
                {
                    if (line.ErrorDetail is not null || line.Error is not null)
                    {
                        throw new DockerImagePullException(image, line.ErrorDetail?.Message ?? line.Error ?? "unknown error", null);
                    }

                    progress?.Report(line);
                    last = line;
                }

                return last;
            }
        }
    }
}
