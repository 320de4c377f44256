using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Mesos.Orleans.Deployment.Tests;

/// <summary>
/// The Helm chart, checked without helm: its YAML files parse, every <c>.Values</c> path a template reads exists in
/// values.yaml, and the resources the design asks for are there.
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly string Chart = RepositoryFiles.PathOf("charts", "mesos-orleans");

    [Fact]
    public void ChartYaml_IsAV2ChartWithNameAndVersions()
    {
        var chart = Mapping(Load(Path.Combine(Chart, "Chart.yaml")));

        Assert.Equal("v2", Scalar(chart, "apiVersion"));
        Assert.Equal("mesos-orleans", Scalar(chart, "name"));
        Assert.Matches(@"^\d+\.\d+\.\d+", Scalar(chart, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(chart, "appVersion")));
    }

    [Fact]
    public void Templates_ReadOnlyValuesThatExist()
    {
        var values = Mapping(Load(Path.Combine(Chart, "values.yaml")));
        var missing = new List<string>();
        var templates = Directory.GetFiles(Path.Combine(Chart, "templates"));
        Assert.NotEmpty(templates);
        foreach (var template in templates)
        {
            foreach (Match reference in ValuesReference().Matches(File.ReadAllText(template)))
            {
                var path = reference.Groups[1].Value;
                if (!Resolves(values, path.Split('.')))
                {
                    missing.Add($"{Path.GetFileName(template)}: .Values.{path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "templates read values that values.yaml lacks:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void Values_RunTwoMastersOnAPostgresSecret()
    {
        var values = Mapping(Load(Path.Combine(Chart, "values.yaml")));

        Assert.Equal("2", Scalar(Mapping(values.Children[new YamlScalarNode("master")]), "replicas"));
        var master = File.ReadAllText(Path.Combine(Chart, "templates", "master-deployment.yaml"));
        Assert.Contains("kind: Deployment", master, StringComparison.Ordinal);
        Assert.Contains("secretKeyRef:", master, StringComparison.Ordinal);
        Assert.Contains("- --store", master, StringComparison.Ordinal);
        Assert.Contains("- --advertise", master, StringComparison.Ordinal);
    }

    [Fact]
    public void Agents_AreADaemonSetPointedAtTheMasterService()
    {
        var agent = File.ReadAllText(Path.Combine(Chart, "templates", "agent-daemonset.yaml"));
        var service = File.ReadAllText(Path.Combine(Chart, "templates", "master-service.yaml"));

        Assert.Contains("kind: DaemonSet", agent, StringComparison.Ordinal);
        Assert.Contains("kind: Service", service, StringComparison.Ordinal);
        Assert.Contains("name: {{ include \"mesos-orleans.fullname\" . }}-master", service, StringComparison.Ordinal);
        Assert.Contains("http://{{ include \"mesos-orleans.fullname\" . }}-master:{{ .Values.service.port }}", agent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("master-deployment.yaml", "MasterCommand.cs")]
    [InlineData("agent-daemonset.yaml", "AgentCommand.cs")]
    public void ContainerArguments_AreOptionsOfTheCommand(string template, string command)
    {
        var source = File.ReadAllText(RepositoryFiles.PathOf("src", "Mesos.Orleans.Cli", "Commands", command));
        var flags = ContainerFlag().Matches(File.ReadAllText(Path.Combine(Chart, "templates", template))).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(flags);
        var unknown = flags.Where(flag => !source.Contains($"(\"{flag}\")", StringComparison.Ordinal)).ToList();
        Assert.True(unknown.Count == 0, $"{template} passes options {command} does not define: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Templates_HaveBalancedActions()
    {
        foreach (var template in Directory.GetFiles(Path.Combine(Chart, "templates")))
        {
            var text = File.ReadAllText(template);
            Assert.True(Count(text, "{{") == Count(text, "}}"), $"{Path.GetFileName(template)}: unbalanced {{{{ }}}}");
            var opened = BlockOpen().Count(text);
            var ended = Count(text, "end }}") + Count(text, "end -}}");
            Assert.True(opened == ended, $"{Path.GetFileName(template)}: {opened} if/range/with/define blocks but {ended} ends");
        }
    }

    private static bool Resolves(YamlMappingNode values, IReadOnlyList<string> path)
    {
        YamlNode node = values;
        foreach (var part in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(part), out var child))
            {
                return false;
            }

            node = child;
        }

        return true;
    }

    private static int Count(string text, string token) => (text.Length - text.Replace(token, "", StringComparison.Ordinal).Length) / token.Length;

    private static YamlNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Mapping(YamlNode node) => Assert.IsType<YamlMappingNode>(node);

    private static string Scalar(YamlMappingNode mapping, string key) =>
        Assert.IsType<YamlScalarNode>(mapping.Children[new YamlScalarNode(key)]).Value ?? "";

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"^\s*- (--[a-z][a-z-]*)\s*$", RegexOptions.Multiline)]
    private static partial Regex ContainerFlag();

    [GeneratedRegex(@"\{\{-?\s*(if|range|with|define)\b")]
    private static partial Regex BlockOpen();
}
