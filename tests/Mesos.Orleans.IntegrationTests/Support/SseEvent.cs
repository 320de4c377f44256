using System.Text.Json.Nodes;

namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>One server-sent event: its name and its data as JSON.</summary>
public sealed record SseEvent(string Type, JsonNode Data)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type} {Data.ToJsonString()}";
}
