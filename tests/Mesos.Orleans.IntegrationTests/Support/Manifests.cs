using System.Globalization;

namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>Small app manifests for tests, written to temporary files.</summary>
public static class Manifests
{
    /// <summary>A manifest of one app running <paramref name="cmd"/>.</summary>
    public static string App(string name, string cmd, int instances = 1, double cpus = 0.1, double mem = 32, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: mesos-orleans.io/v1
            kind: App
            metadata:
              name: {name}
            spec:
              instances: {instances}
              cmd: "{cmd}"
              cpus: {cpus}
              mem: {mem}
              backoffSeconds: 0.2
            {extra}
            """);

    /// <summary>
    /// A manifest of one app running <paramref name="cmd"/> in a Docker container of <paramref name="image"/> (the busybox
    /// test image by default), labelled with the test run <paramref name="run"/>. With <paramref name="portMappings"/> it
    /// is on Docker's bridge with those mappings; <paramref name="extra"/> adds spec lines.
    /// </summary>
    public static string DockerApp(
        string name, string cmd, string run, int instances = 1, double cpus = 0.1, double mem = 32, string image = Testing.Docker.TestDockerEngine.TestImage,
        string? portMappings = null, double backoffSeconds = 0.2, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: mesos-orleans.io/v1
            kind: App
            metadata:
              name: {name}
              labels: {"{"}{Testing.Docker.TestDockerEngine.RunLabel}: "{run}"{"}"}
            spec:
              instances: {instances}
              cmd: "{cmd}"
              cpus: {cpus}
              mem: {mem}
              backoffSeconds: {backoffSeconds}
              container:
                type: DOCKER
                docker: {"{"}image: "{image}"{"}"}
            {(portMappings is null ? "" : $"    portMappings: {portMappings}\n  networks: [{{mode: container/bridge}}]")}
            {extra}
            """);

    /// <summary>Writes a manifest to a new temporary file and returns its path.</summary>
    public static string ToFile(string content, string extension = ".yaml")
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mesos-orleans-manifest-").FullName, "app" + extension);
        File.WriteAllText(path, content);
        return path;
    }
}
