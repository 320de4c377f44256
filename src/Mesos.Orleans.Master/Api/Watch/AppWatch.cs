using System.Text.Json;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Master.View;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Watch;

/// <summary>
/// <c>GET /apis/v1/apps?watch=true</c> (and one app's): Kubernetes' watch. The answer is newline-delimited JSON
/// that starts with <c>ADDED</c> for every app that matches, then says <c>ADDED</c>, <c>MODIFIED</c> or
/// <c>DELETED</c> as they happen. An app that stops matching the label selector is <c>DELETED</c> from the watch,
/// one that starts matching is <c>ADDED</c>. A snapshot that changes nothing the client sees is not sent.
/// </summary>
internal static class AppWatch
{
    /// <summary>How many changes may wait for one client before it is dropped.</summary>
    public const int ClientCapacity = 4096;

    /// <summary>Streams the changes of the apps <paramref name="selector"/> matches (of <paramref name="only"/> when given).</summary>
    public static async Task StreamAsync(HttpContext context, ClusterView view, LabelSelector selector, AppId? only)
    {
        using var lifetime = StreamLifetime.For(context);
        var aborted = lifetime.Token;
        using var subscription = view.Subscribe(ClientCapacity, out var apps);
        context.Response.ContentType = "application/json";
        var sent = new Dictionary<AppId, string>();
        foreach (var app in apps.Where(Selected))
        {
            await SendAsync(WatchEvent.Added, app);
        }

        await context.Response.Body.FlushAsync(aborted);
        try
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(aborted))
            {
                if (change is AppChange app && await ApplyAsync(app))
                {
                    await context.Response.Body.FlushAsync(aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left, or the master stops.
        }
        catch (ChangeFeedOverflowException e)
        {
            // Kubernetes ends a watch that cannot keep up with an error; the client lists and watches again.
            await WriteLineAsync(new WatchEvent(WatchEvent.Error, new ApiError(e.Message)));
        }

        bool Selected(AppSnapshot app) =>
            (only is not { } id || app.Id == id) && selector.Matches(app.Definition.Spec.Labels ?? new Dictionary<string, string>());

        async Task<bool> ApplyAsync(AppChange change)
        {
            var id = (change.Current ?? change.Previous)!.Id;
            var wasSent = sent.TryGetValue(id, out var last);
            if (change.Current is { } current && Selected(current))
            {
                return await SendAsync(wasSent ? WatchEvent.Modified : WatchEvent.Added, current, last);
            }

            if (!wasSent)
            {
                return false;
            }

            sent.Remove(id);
            await WriteLineAsync(new WatchEvent(WatchEvent.Deleted, AppResource.From(change.Previous ?? change.Current!)));
            return true;
        }

        async Task<bool> SendAsync(string type, AppSnapshot app, string? last = null)
        {
            var resource = AppResource.From(app);
            var json = JsonSerializer.Serialize(resource, Json.Options);
            if (json == last)
            {
                return false;
            }

            sent[app.Id] = json;
            await WriteLineAsync(new WatchEvent(type, resource));
            return true;
        }

        async Task WriteLineAsync(WatchEvent watchEvent)
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, watchEvent, Json.Options, aborted);
            await context.Response.Body.WriteAsync("\n"u8.ToArray(), aborted);
        }
    }
}
