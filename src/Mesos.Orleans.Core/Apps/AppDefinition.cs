namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// A validated, normalized app: its id, its spec with every default filled in (labels merged from the
/// manifest's metadata), and the manifest's annotations. This is what the control plane stores and acts on.
/// </summary>
public sealed record AppDefinition(AppId Id, AppSpec Spec, IReadOnlyDictionary<string, string> Annotations);
