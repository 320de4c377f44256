using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Core.Tests.Manifests;

public class StrictShapeTests
{
    private const string Broken = """
        {"cmd": 5, "cpus": "two", "instances": 1.5, "unknownField": 1, "env": {"A": 1, "B": "ok"},
         "args": [1, "x"], "portDefinitions": ["web", {"name": "http", "port": "80"}], "upgradeStrategy": 3,
         "killSelection": "NEWEST", "taskKillGracePeriodSeconds": null, "requirePorts": "yes"}
        """;

    private static readonly string[] BrokenPaths =
    [
        "args[0]", "cmd", "cpus", "env.A", "instances", "killSelection", "portDefinitions[0]", "portDefinitions[1].port",
        "requirePorts", "unknownField", "upgradeStrategy",
    ];

    private static List<string> PathsOf(ValidationErrors errors) => [.. errors.All.Select(e => e.Path.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public void StrictShape_Check_ReportsEveryMismatchWithItsPath()
    {
        var errors = new ValidationErrors();

        StrictShape.Check(JsonNode.Parse(Broken), typeof(AppSpec), FieldPath.Root, errors);

        Assert.Equal(BrokenPaths, PathsOf(errors));
    }

    [Fact]
    public void StrictShape_CheckAndRepair_ReportsTheSameAndReturnsATreeThatDeserializes()
    {
        var original = JsonNode.Parse(Broken);
        var errors = new ValidationErrors();

        var repaired = StrictShape.CheckAndRepair(original, typeof(AppSpec), FieldPath.Root, errors);

        Assert.Equal(BrokenPaths, PathsOf(errors));
        var again = new ValidationErrors();
        StrictShape.Check(repaired, typeof(AppSpec), FieldPath.Root, again);
        Assert.Empty(again.All);
        var spec = repaired.Deserialize<AppSpec>(Json.Options)!;
        Assert.Equal("?", spec.Cmd);
        Assert.Equal(["?", "x"], spec.Args);
        Assert.Equal("ok", spec.Env!["B"]);
        Assert.Equal(2, spec.PortDefinitions!.Count);
        Assert.Equal("http", spec.PortDefinitions[1].Name);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Broken), original), "the input must not change");
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("[1]")]
    [InlineData("null")]
    public void StrictShape_CheckAndRepair_NonObjectRoot_GivesAStandIn(string json)
    {
        var errors = new ValidationErrors();

        var repaired = StrictShape.CheckAndRepair(JsonNode.Parse(json), typeof(AppSpec), FieldPath.Root, errors);

        Assert.Equal([""], PathsOf(errors));
        Assert.Equal("{}", repaired!.ToJsonString());
    }

    [Fact]
    public void StrictShape_AcceptsWhatTheSerializerWrites()
    {
        var spec = AppSpecDefaults.Normalize(new AppSpec { Id = "/web", Cmd = "x", TaskKillGracePeriodSeconds = 3, Labels = new Dictionary<string, string> { ["a"] = "b" } });
        var errors = new ValidationErrors();

        StrictShape.Check(JsonSerializer.SerializeToNode(spec, Json.Options), typeof(AppSpec), FieldPath.Root, errors);

        Assert.Empty(errors.All);
    }

    [Fact]
    public void StrictShape_IgnoresDeclaredReadOnlyFields()
    {
        var errors = new ValidationErrors();

        StrictShape.Check(JsonNode.Parse("""{"name": "a", "uid": "u", "generation": 3}"""), typeof(ObjectMeta), FieldPath.Of("metadata"), errors);

        Assert.Empty(errors.All);
    }

    [Theory]
    [InlineData("\"a\"", "must be a number, not string \"a\"")]
    [InlineData("true", "must be a number, not boolean true")]
    [InlineData("{}", "must be a number, not an object")]
    [InlineData("[1, 2]", "must be a number, not a list")]
    public void StrictShape_Show_NamesTheKindOfTheWrongValue(string json, string message)
    {
        var errors = new ValidationErrors();

        StrictShape.Check(JsonNode.Parse($$"""{"cpus": {{json}}}"""), typeof(AppSpec), FieldPath.Root, errors);

        Assert.Equal(message, Assert.Single(errors.All).Message);
    }

    [Fact]
    public void StrictShape_Show_ShortensLongValues() =>
        Assert.Equal("string \"" + new string('x', 39) + "…", StrictShape.Show(JsonValue.Create(new string('x', 100))));

    [Fact]
    public void StrictShape_ChecksManyDocumentsAtOnce()
    {
        // Decoding runs on many requests at once; building a type's shape must be safe under that.
        var results = Enumerable.Range(0, 64).AsParallel().Select(i => AppManifestDecoder.Decode(
            ManifestReader.Read($"apiVersion: mesos-orleans.io/v1\nkind: App\nmetadata: {{name: app{i}}}\nspec: {{cmd: x, instances: {i}}}").Single().Content)).ToList();

        Assert.All(results, r => Assert.True(r.IsValid, string.Join("; ", r.Errors)));
    }
}
