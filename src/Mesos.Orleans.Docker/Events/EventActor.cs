using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Events;

/// <summary>
/// The object an event is about: its id and attributes. A container's attributes hold its <c>name</c>,
/// <c>image</c>, every label (key → value) and, per action, e.g. <c>exitCode</c> or <c>signal</c>.
/// </summary>
public sealed record EventActor
{
    /// <summary>The object's id (a container's full id).</summary>
    [JsonPropertyName("ID")]
    public string Id { get; init; } = "";

    /// <summary>The object's attributes.</summary>
    [JsonPropertyName("Attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
