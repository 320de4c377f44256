using System.Globalization;

namespace Mesos.Orleans.Grains.Tests.Support;

/// <summary>App manifests for control-plane tests.</summary>
public static class AppManifests
{
    public static string App(string name, int instances, string cmd = "serve", double cpus = 1, string extra = "", double backoffSeconds = 0.05) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            apiVersion: mesos-orleans.io/v1
            kind: App
            metadata: {"{"}name: {name}{"}"}
            spec:
              instances: {instances}
              cmd: {cmd}
              cpus: {cpus}
              mem: 64
              backoffSeconds: {backoffSeconds}
            {extra}
            """);
}
