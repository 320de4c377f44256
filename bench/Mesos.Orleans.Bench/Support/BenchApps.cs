using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Support;

/// <summary>Applies apps to a running system and reads when their tasks started.</summary>
public static class BenchApps
{
    /// <summary>A small app of <paramref name="instances"/> instances of <paramref name="cmd"/>, without ports or backoff.</summary>
    public static string Manifest(string name, int instances, string cmd) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"apiVersion": "mesos-orleans.io/v1", "kind": "App", "metadata": {"name": "{{{name}}}"},
         "spec": {"instances": {{{instances}}}, "cmd": "{{{cmd}}}", "cpus": 0.01, "mem": 8, "portDefinitions": [], "backoffSeconds": 0} }
        """);

    public static async Task ApplyAsync(UpProcess up, string manifest)
    {
        using var response = await up.Http.PostAsync(new Uri("apis/v1/apply", UriKind.Relative), new StringContent(manifest, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public static async Task DeleteAsync(UpProcess up, string name)
    {
        using var response = await up.Http.DeleteAsync(new Uri($"apis/v1/apps/{name}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        while ((await up.TasksAsync(name)).Count > 0)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Polls until the app has <paramref name="count"/> running tasks; returns when each started, by task id.</summary>
    public static async Task<IReadOnlyDictionary<string, DateTimeOffset>> WaitRunningAsync(UpProcess up, string name, int count, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var tasks = (await up.Http.GetFromJsonAsync<JsonNode>($"apis/v1/tasks?app={name}"))!["items"]!.AsArray();
            if (tasks.Count == count && tasks.All(t => (string?)t!["state"] == "TASK_RUNNING"))
            {
                return tasks.ToDictionary(t => (string)t!["taskId"]!, t => DateTimeOffset.Parse((string)t!["startedAt"]!, CultureInfo.InvariantCulture));
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"{name} did not reach {count} running tasks");
    }
}
