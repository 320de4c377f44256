using System.Globalization;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// <c>GET /apis/v1/apps/{name}/logs[?task=ID&amp;stream=stdout|stderr&amp;tail=N&amp;follow=true]</c>: a task's own
/// output, read from its agent's sandbox a chunk at a time — the newest started task of the app unless one is named
/// (an instance's current task, an ended one too while its sandbox is kept). With <c>follow</c> the answer goes on
/// as the task writes, until it ends or the client leaves. The agent is found in the cluster view and read through
/// <see cref="ITaskLogsFactory"/>: over its endpoint, or directly when it shares the master's process.
/// </summary>
internal static class TaskLogs
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(250);
    private static readonly HashSet<string> Alive = new(StringComparer.Ordinal)
    {
        InstanceSnapshot.ScheduledState, "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE",
    };

    public static async Task<IResult> ForAsync(ControlPlane plane, ITaskLogsFactory? logs, AppId app, HttpRequest request)
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

        var instances = plane.View.InstancesOf(app).Where(i => i.AgentId is not null).ToList();
        var instance = taskId is null
            ? instances.OrderByDescending(i => i.StartedAt ?? i.StagedAt ?? DateTimeOffset.MinValue).FirstOrDefault()
            : instances.FirstOrDefault(i => i.TaskId == taskId);
        if (instance is null)
        {
            return taskId is null
                ? ApiResults.NotFound($"App '{app.Path}' has no task that was launched")
                : ApiResults.NotFound($"App '{app.Path}' has no task '{taskId}' now: only its instances' current tasks can be read");
        }

        if (logs is null)
        {
            return ApiResults.Error(StatusCodes.Status501NotImplemented, "this master cannot read tasks' logs");
        }

        taskId = instance.TaskId;
        if (plane.View.Agent(instance.AgentId!) is not { } agent)
        {
            return ApiResults.NotFound($"the agent '{instance.AgentId}' of task '{taskId}' is not known to this master");
        }

        Stream? file;
        try
        {
            file = await logs.Open(agent.AgentId, agent.Endpoint).OpenLogAsync(
                taskId, stream == "stderr" ? TaskLogStream.Stderr : TaskLogStream.Stdout, request.HttpContext.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            return ApiResults.Error(StatusCodes.Status502BadGateway, $"the log of task '{taskId}' could not be read from agent '{agent.AgentId}': {e.Message}");
        }
        catch (TaskCanceledException) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return ApiResults.Error(StatusCodes.Status504GatewayTimeout, $"agent '{agent.AgentId}' did not answer for the log of task '{taskId}' in time");
        }

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
            // Without follow the answer is the log as it stood when asked: a line written meanwhile would make a
            // tail of N lines N + 1.
            var asked = file.Length;
            if (tail is { } lines)
            {
                file.Position = await StartOfLastLinesAsync(file, lines, aborted);
            }

            var buffer = new byte[ChunkBytes];
            var ended = false;
            try
            {
                while (true)
                {
                    var wanted = running is null ? (int)Math.Min(buffer.Length, Math.Max(0, asked - file.Position)) : buffer.Length;
                    var read = wanted == 0 ? 0 : await file.ReadAsync(buffer.AsMemory(0, wanted), aborted);
                    if (read > 0)
                    {
                        await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                        continue;
                    }

                    if (running is null || ended)
                    {
                        return; // not following, or the task had ended before the last wait and all it wrote is sent
                    }

                    await context.Response.Body.FlushAsync(aborted);
                    ended = !running();
                    await Task.Delay(FollowPoll, aborted);
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client left.
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // The agent stopped answering (or the sandbox went) once the answer had begun: it ends where the log could be read.
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
