using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>An HTTP answer read whole: status, headers, body and the body as JSON (null when it is not JSON).</summary>
public sealed record HttpReply(HttpStatusCode Status, HttpResponseHeaders Headers, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonNode? Json { get; } = TryParse(Body);

    /// <summary>Sends a request with an optional JSON body and reads the answer.</summary>
    public static async Task<HttpReply> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return new HttpReply(response.StatusCode, response.Headers, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The single value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <inheritdoc />
    public override string ToString() => $"{(int)Status} {Body}";

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
