using System.Text.Json.Serialization;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Engine;
using Mesos.Orleans.Docker.Events;
using Mesos.Orleans.Docker.Images;

namespace Mesos.Orleans.Docker.Json;

/// <summary>The compile-time JSON contract of every body the client sends or reads.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerErrorBody))]
[JsonSerializable(typeof(SystemVersion))]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(ImagePullProgress))]
[JsonSerializable(typeof(CreateContainerRequest))]
[JsonSerializable(typeof(CreateContainerResponse))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(IReadOnlyList<ContainerSummary>))]
[JsonSerializable(typeof(ContainerWaitResponse))]
[JsonSerializable(typeof(ContainerStats))]
[JsonSerializable(typeof(DockerEvent))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
