using System.Globalization;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// <c>GET /apis/v1/apps/{name}/logs[?task=ID&amp;stream=stdout|stderr&amp;tail=N&amp;follow=true]</c>: a task's own
/// output, read from its agent's sandbox — the newest started task of the app unless one is named (an ended one
/// too, while its sandbox is kept). With <c>follow</c> the answer goes on as the task writes, until it ends or the
/// client leaves.
/// </summary>
internal static class TaskLogs
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(250);
    private static readonly HashSet<string> Alive = new(StringComparer.Ordinal)
    {
        InstanceSnapshot.ScheduledState, "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE",
    };

    public static IResult For(ControlPlane plane, ITaskLogs? logs, AppId app, HttpRequest request)
    {
        if (plane.View.App(app) is null)
        {
            return ApiResults.NotFound($"App '{app.Path}' does not exist");
        }

        var query = request.Query;
        var stream = (string?)query["stream"] ?? "stdout";
        if (stream is not ("stdout" or "stderr"))
        {
            return ApiResults.BadRequest($"invalid stream '{stream}': use stdout or stderr");
        }

        int? tail = null;
        if ((string?)query["tail"] is { } tailText)
        {
            if (!int.TryParse(tailText, NumberStyles.None, CultureInfo.InvariantCulture, out var lines))
            {
                return ApiResults.BadRequest($"invalid tail '{tailText}': use a number of lines, 0 or more");
            }

            tail = lines;
        }

        if (!QueryFlags.TryGet(request, "follow", false, out var follow, out var followError))
        {
            return followError!;
        }

        var taskId = (string?)query["task"];
        if (taskId is not null && !(ResourceIds.IsWellFormed(taskId) && taskId.StartsWith(app.SafeName + ".instance-", StringComparison.Ordinal)))
        {
            return ResourceIds.IsWellFormed(taskId) ? ApiResults.NotFound($"App '{app.Path}' has no task '{taskId}'") : ResourceIds.Malformed("task");
        }

        taskId ??= plane.View.InstancesOf(app).Where(i => i.AgentId is not null)
            .OrderByDescending(i => i.StartedAt ?? i.StagedAt ?? DateTimeOffset.MinValue).FirstOrDefault()?.TaskId;
        if (taskId is null)
        {
            return ApiResults.NotFound($"App '{app.Path}' has no task that was launched");
        }

        if (logs is null)
        {
            return ApiResults.Error(StatusCodes.Status501NotImplemented, "this master cannot read tasks' logs: it has no local agent");
        }

        var file = logs.OpenLog(taskId, stream == "stderr" ? TaskLogStream.Stderr : TaskLogStream.Stdout);
        return file is null
            ? ApiResults.NotFound($"no {stream} of task '{taskId}' on its agent (never started, or its sandbox was collected)")
            : new LogResult(file, tail, follow ? () => plane.View.InstancesOf(app).Any(i => i.TaskId == taskId && Alive.Contains(i.State)) : null);
    }

    private sealed class LogResult(Stream file, int? tail, Func<bool>? running) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            await using var _ = file;
            var aborted = context.RequestAborted;
            context.Response.ContentType = "text/plain; charset=utf-8";
            if (tail is { } lines)
            {
                file.Position = await StartOfLastLinesAsync(file, lines, aborted);
            }

            var buffer = new byte[ChunkBytes];
            try
            {
                while (true)
                {
                    var read = await file.ReadAsync(buffer, aborted);
                    if (read > 0)
                    {
                        await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                        continue;
                    }

                    if (running is null)
                    {
                        return;
                    }

                    await context.Response.Body.FlushAsync(aborted);
                    var stillRunning = running();
                    await Task.Delay(FollowPoll, aborted);
                    if (!stillRunning && file.Position == file.Length)
                    {
                        return; // the task had ended before this wait and wrote nothing since
                    }
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client left.
            }
        }

        // Where the last `lines` lines begin, reading backwards a chunk at a time (a final newline ends the last line).
        private static async Task<long> StartOfLastLinesAsync(Stream file, int lines, CancellationToken cancellationToken)
        {
            var end = file.Length;
            if (lines == 0)
            {
                return end;
            }

            var buffer = new byte[ChunkBytes];
            var newlines = 0;
            var position = end;
            while (position > 0)
            {
                var size = (int)Math.Min(buffer.Length, position);
                position -= size;
                file.Position = position;
                await file.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);
                for (int i = size - 1; i >= 0; i--)
                {
                    if (buffer[i] == (byte)'\n' && position + i != end - 1 && ++newlines == lines)
                    {
                        return position + i + 1;
                    }
                }
            }

            return 0;
        }
    }
}
