using System.Text;
using System.Text.Json;

namespace Mesos.Orleans.Bench.Support;

/// <summary>The calls of the master's API the scale benchmarks share, on a client of a master in this process or another.</summary>
public static class MasterApi
{
    /// <summary>Applies apps, one request each.</summary>
    public static async Task ApplyAsync(HttpClient http, IEnumerable<string> manifests)
    {
        foreach (var manifest in manifests)
        {
            using var response = await http.PostAsync(new Uri("apis/v1/apply", UriKind.Relative), new StringContent(manifest, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// The number of items an API list returns. Read into a pooled document, not a tree of nodes: building 100,000
    /// objects' nodes cost this process (the master's too) more than the master took to write them.
    /// </summary>
    public static async Task<int> CountAsync(HttpClient http, string path)
    {
        await using var body = await http.GetStreamAsync(new Uri(path, UriKind.Relative));
        using var list = await JsonDocument.ParseAsync(body);
        return list.RootElement.GetProperty("items").GetArrayLength();
    }
}
