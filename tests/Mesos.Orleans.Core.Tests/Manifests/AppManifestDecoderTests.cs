using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Serialization;
using static Mesos.Orleans.Core.Tests.Support.ManifestTesting;

namespace Mesos.Orleans.Core.Tests.Manifests;

public class AppManifestDecoderTests
{
    private const string Example = """
        apiVersion: mesos-orleans.io/v1
        kind: App
        metadata: {name: hello, labels: {team: web}}
        spec: {instances: 3, cmd: "python3 -m http.server $PORT0", cpus: 0.1, mem: 64, portDefinitions: [{name: http}], env: {GREETING: hi}, backoffSeconds: 1, backoffFactor: 1.15, maxLaunchDelaySeconds: 300}
        """;

    [Fact]
    public void Decode_Example_GivesTheNormalizedDefinition()
    {
        var definition = Valid(Example);
        var spec = definition.Spec;

        Assert.Equal(AppId.Parse("/hello"), definition.Id);
        Assert.Equal("/hello", spec.Id);
        Assert.Equal(3, spec.Instances);
        Assert.Equal("python3 -m http.server $PORT0", spec.Cmd);
        Assert.Null(spec.Args);
        Assert.Equal(0.1, spec.Cpus);
        Assert.Equal(64, spec.Mem);
        Assert.Equal(0, spec.Disk);
        Assert.Equal(0, spec.Gpus);
        Assert.Equal([new PortDefinition { Name = "http" }], spec.PortDefinitions);
        Assert.Equal(new Dictionary<string, string> { ["GREETING"] = "hi" }, spec.Env);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web" }, spec.Labels);
        Assert.Equal((1, 1.15, 300), (spec.BackoffSeconds, spec.BackoffFactor, spec.MaxLaunchDelaySeconds));
        Assert.Equal(new UpgradeStrategy { MinimumHealthCapacity = 1, MaximumOverCapacity = 1 }, spec.UpgradeStrategy);
        Assert.Equal(KillSelection.YoungestFirst, spec.KillSelection);
        Assert.Empty(definition.Annotations);
    }

    [Fact]
    public void Decode_MinimalManifest_FillsMarathonDefaults()
    {
        var spec = Valid(App("{cmd: sleep 100}")).Spec;

        Assert.Equal(1, spec.Instances);
        Assert.Equal(1, spec.Cpus);
        Assert.Equal(128, spec.Mem);
        Assert.Equal(0, spec.Disk);
        Assert.Equal(0, spec.Gpus);
        Assert.Equal((1, 1.15, 300), (spec.BackoffSeconds, spec.BackoffFactor, spec.MaxLaunchDelaySeconds));
        Assert.Equal(new UpgradeStrategy { MinimumHealthCapacity = 1, MaximumOverCapacity = 1 }, spec.UpgradeStrategy);
        Assert.Equal(KillSelection.YoungestFirst, spec.KillSelection);
        var port = Assert.Single(spec.PortDefinitions!);
        Assert.Equal(new PortDefinition { Port = 0, Protocol = "tcp" }, port);
        Assert.False(spec.RequirePorts);
        Assert.Empty(spec.Env!);
        Assert.Empty(spec.Labels!);
        Assert.Null(spec.TaskKillGracePeriodSeconds);
    }

    [Fact]
    public void Decode_EmptyPortDefinitions_MeansNoPorts() =>
        Assert.Empty(Valid(App("{cmd: x, portDefinitions: []}")).Spec.PortDefinitions!);

    [Fact]
    public void Decode_Args_InsteadOfCmd() =>
        Assert.Equal(["python3", "-m", "http.server"], Valid(App("{args: [python3, -m, http.server]}")).Spec.Args);

    [Fact]
    public void Decode_NestedName_IsAPathId()
    {
        var definition = Valid(App("{cmd: x}", "{name: team/web}"));

        Assert.Equal("/team/web", definition.Id.Path);
        Assert.Equal("/team/web", definition.Spec.Id);
    }

    [Fact]
    public void Decode_MergesMetadataLabelsIntoSpecLabels_AndKeepsAnnotations()
    {
        var definition = Valid(App("{cmd: x, labels: {tier: front, team: web}}", "{name: hello, labels: {team: web, env: prod}, annotations: {note: hi}}"));

        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["team"] = "web", ["tier"] = "front" }, definition.Spec.Labels);
        Assert.Equal(new Dictionary<string, string> { ["note"] = "hi" }, definition.Annotations);
    }

    [Fact]
    public void Decode_ConflictingLabels_AreReported() =>
        AssertError(Decode(App("{cmd: x, labels: {team: api}}", "{name: hello, labels: {team: web}}")), "metadata.labels.team", "conflicts with spec.labels.team ('api')");

    [Fact]
    public void Decode_InvalidMetadataLabelKey_IsReported()
    {
        AssertError(Decode(App("{cmd: x}", "{name: hello, labels: {'-bad': x}}")), "metadata.labels.-bad", "'-bad' is not a label key (letters, digits, '-', '_', '.', '/')");
    }

    [Fact]
    public void Decode_IgnoresServerSetFieldsAndStatus() =>
        Valid(App("{cmd: x}", "{name: hello, uid: abc, generation: 4, resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z'}") + "status: {running: 3}\n");

    [Fact]
    public void Decode_SpecIdMatchingName_IsAccepted_OtherwiseReported()
    {
        Valid(App("{id: /hello, cmd: x}"));
        AssertError(Decode(App("{id: /other, cmd: x}")), "spec.id", "'/other' does not match metadata.name 'hello'; leave it out");
    }

    [Theory]
    [InlineData("{cmd: x, cpus: abc}", "spec.cpus", "must be a number, not string \"abc\"")]
    [InlineData("{cmd: x, cpus: '1'}", "spec.cpus", "must be a number, not string \"1\"")]
    [InlineData("{cmd: x, instances: 1.5}", "spec.instances", "must be an integer, not number 1.5")]
    [InlineData("{cmd: x, instances: '3'}", "spec.instances", "must be an integer, not string \"3\"")]
    [InlineData("{cmd: x, instances: 3000000000}", "spec.instances", "must be an integer, not number 3000000000")]
    [InlineData("{cmd: x, env: {A: 1}}", "spec.env.A", "must be a string, not number 1")]
    [InlineData("{cmd: x, env: [A]}", "spec.env", "must be a map of names to a string, not a list")]
    [InlineData("{cmd: x, requirePorts: yes}", "spec.requirePorts", "must be a boolean (true or false), not string \"yes\"")]
    [InlineData("{cmd: x, cpus: ~}", "spec.cpus", "must be a number, not null")]
    [InlineData("{cmd: 5}", "spec.cmd", "must be a string, not number 5")]
    [InlineData("{cmd: x, killSelection: NEWEST_FIRST}", "spec.killSelection", "must be one of YOUNGEST_FIRST, OLDEST_FIRST, not string \"NEWEST_FIRST\"")]
    [InlineData("{cmd: x, instnces: 2}", "spec.instnces", "unknown field (did you mean 'instances'?)")]
    [InlineData("{cmd: x, Cpus: 2}", "spec.Cpus", "unknown field (did you mean 'cpus'?)")]
    [InlineData("{cmd: x, colour: red}", "spec.colour", "unknown field")]
    [InlineData("{cmd: x, cpus: -1}", "spec.cpus", "must be 0 or more, not -1")]
    [InlineData("{cmd: x, instances: -2}", "spec.instances", "must be 0 or more, not -2")]
    [InlineData("{cmd: x, mem: -0.5}", "spec.mem", "must be 0 or more, not -0.5")]
    [InlineData("{cmd: x, cmd2: y}", "spec.cmd2", "unknown field (did you mean 'cmd'?)")]
    [InlineData("{cmd: x, args: [a]}", "spec", "cmd and args cannot both be set: use cmd for a shell command, args for an argument vector")]
    [InlineData("{cpus: 1}", "spec", "one of cmd or args is required")]
    [InlineData("{cmd: '  '}", "spec", "cmd must not be empty")]
    [InlineData("{cmd: x, backoffFactor: 0.5}", "spec.backoffFactor", "must be at least 1, not 0.5")]
    [InlineData("{cmd: x, upgradeStrategy: {minimumHealthCapacity: 1.5}}", "spec.upgradeStrategy.minimumHealthCapacity", "must be between 0 and 1, not 1.5")]
    [InlineData("{cmd: x, upgradeStrategy: {maximumOverCapacity: -0.1}}", "spec.upgradeStrategy.maximumOverCapacity", "must be between 0 and 1, not -0.1")]
    [InlineData("{cmd: x, unreachableStrategy: {inactiveAfterSeconds: -1}}", "spec.unreachableStrategy.inactiveAfterSeconds", "must be 0 or more, not -1")]
    [InlineData("{cmd: x, unreachableStrategy: {inactiveAfterSeconds: 600, expungeAfterSeconds: 300}}", "spec.unreachableStrategy.inactiveAfterSeconds", "must be at most expungeAfterSeconds (300), not 600")]
    [InlineData("{cmd: x, unreachableStrategy: {inactiveAfterSeconds: 60}}", "spec.unreachableStrategy.inactiveAfterSeconds", "must be at most expungeAfterSeconds (0), not 60")]
    [InlineData("{cmd: x, unreachableStrategy: disabled}", "spec.unreachableStrategy", "must be an object, not string \"disabled\"")]
    [InlineData("{cmd: x, portDefinitions: [{name: http}, {name: http}]}", "spec.portDefinitions[1].name", "the name 'http' is used by another port")]
    [InlineData("{cmd: x, portDefinitions: [{name: HTTP}]}", "spec.portDefinitions[0].name", "'HTTP' is not a valid port name: lowercase letters, digits and '-', starting with a letter")]
    [InlineData("{cmd: x, portDefinitions: [{port: 70000}]}", "spec.portDefinitions[0].port", "must be between 0 and 65535, not 70000")]
    [InlineData("{cmd: x, portDefinitions: [{port: 80}, {port: 80}]}", "spec.portDefinitions[1].port", "port 80 is listed twice")]
    [InlineData("{cmd: x, portDefinitions: [{protocol: sctp}]}", "spec.portDefinitions[0].protocol", "must be tcp, udp or udp,tcp, not 'sctp'")]
    [InlineData("{cmd: x, requirePorts: true, portDefinitions: [{port: 0}]}", "spec.portDefinitions[0].port", "must be a fixed port when requirePorts is true")]
    [InlineData("{cmd: x, requirePorts: true}", "spec.requirePorts", "needs portDefinitions with fixed ports: the default port definition asks for any port")]
    [InlineData("{cmd: x, portDefinitions: [web]}", "spec.portDefinitions[0]", "must be an object, not string \"web\"")]
    [InlineData("{cmd: x, env: {1A: x}}", "spec.env.1A", "'1A' is not an environment variable name (letters, digits, '_', not starting with a digit)")]
    [InlineData("{cmd: x, taskKillGracePeriodSeconds: -1}", "spec.taskKillGracePeriodSeconds", "must be 0 or more, not -1")]
    [InlineData("{cmd: x, deploymentTimeoutSeconds: 0}", "spec.deploymentTimeoutSeconds", "must be more than 0, not 0")]
    [InlineData("{cmd: x, deploymentTimeoutSeconds: -60}", "spec.deploymentTimeoutSeconds", "must be more than 0, not -60")]
    [InlineData("{cmd: x, deploymentTimeoutSeconds: soon}", "spec.deploymentTimeoutSeconds", "must be a number, not string \"soon\"")]
    [InlineData("{cmd: x, deploymentTimeoutAction: rollback}", "spec.deploymentTimeoutAction", "must be one of FAIL, ROLLBACK, not string \"rollback\"")]
    [InlineData("{cmd: x, deploymentTimeoutAction: ABORT}", "spec.deploymentTimeoutAction", "must be one of FAIL, ROLLBACK, not string \"ABORT\"")]
    public void Decode_BadSpec_ReportsTheFieldAndWhy(string spec, string path, string message) =>
        AssertError(Decode(App(spec)), path, message);

    [Fact]
    public void Decode_DeploymentTimeout_IsOptIn_AndFailsByDefault()
    {
        var plain = Valid(App("{cmd: x}")).Spec;
        var rollback = Valid(App("{cmd: x, deploymentTimeoutSeconds: 600, deploymentTimeoutAction: ROLLBACK}")).Spec;
        var fail = Valid(App("{cmd: x, deploymentTimeoutSeconds: 0.5, deploymentTimeoutAction: FAIL}")).Spec;

        Assert.Equal((null, DeploymentTimeoutAction.Fail), (plain.DeploymentTimeoutSeconds, plain.DeploymentTimeoutAction));
        Assert.Equal((600, DeploymentTimeoutAction.Rollback), (rollback.DeploymentTimeoutSeconds, rollback.DeploymentTimeoutAction));
        Assert.Equal((0.5, DeploymentTimeoutAction.Fail), (fail.DeploymentTimeoutSeconds, fail.DeploymentTimeoutAction));
    }

    [Fact]
    public void Decode_Constraints_AsMarathonWritesThem()
    {
        var spec = Valid(App("{cmd: x, constraints: [[hostname, UNIQUE], [rack, GROUP_BY, \"3\"], [rack, LIKE, 'r[0-9]+']]}")).Spec;

        Assert.Equal([["hostname", "UNIQUE"], ["rack", "GROUP_BY", "3"], ["rack", "LIKE", "r[0-9]+"]], spec.Constraints!);
    }

    [Theory]
    [InlineData("[[hostname, UNIQUE], [rack, GROUP_BY, 3]]", "spec.constraints[1][2]", "must be a string, not number 3")]
    [InlineData("[[rack, IS, true]]", "spec.constraints[0][2]", "must be a string, not boolean true")]
    [InlineData("[[rack, MAX_PER, 2.5]]", "spec.constraints[0][2]", "must be a string, not number 2.5")]
    [InlineData("[hostname]", "spec.constraints[0]", "must be a list, not string \"hostname\"")]
    [InlineData("{hostname: UNIQUE}", "spec.constraints", "must be a list, not an object")]
    [InlineData("[[hostname, UNIQUE], [rack, NEAR]]", "spec.constraints[1][1]", "unknown operator 'NEAR' (known: UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS)")]
    [InlineData("[[hostname, UNIQUE], [rack, GROUP_BY, '0']]", "spec.constraints[1][2]", "GROUP_BY's value is a number of groups (1 or more), not '0'")]
    [InlineData("[[hostname, UNIQUE, x]]", "spec.constraints[0][2]", "UNIQUE takes no value")]
    [InlineData("[[hostname]]", "spec.constraints[0]", "a constraint is [field, OPERATOR] or [field, OPERATOR, value], not 1 item")]
    [InlineData("[['', UNIQUE]]", "spec.constraints[0][0]", "the field must not be empty (hostname, or an agent attribute)")]
    [InlineData("[[rack, LIKE]]", "spec.constraints[0][1]", "LIKE needs a regular expression")]
    [InlineData("[[rack, IS]]", "spec.constraints[0][1]", "IS needs a value")]
    public void Decode_BadConstraint_ReportsTheItemAndWhy(string constraints, string path, string message) =>
        AssertError(Decode(App($"{{cmd: x, constraints: {constraints}}}")), path, message);

    [Fact]
    public void Decode_FlatConstraint_ReportsEachItem() =>
        AssertErrors(Decode(App("{cmd: x, constraints: [hostname, UNIQUE]}")), "spec.constraints[0]", "spec.constraints[1]");

    [Fact]
    public void Decode_BadConstraints_AreReportedTogetherWithOtherProblems() =>
        AssertErrors(
            Decode(App("{cmd: x, cpus: -1, constraints: [[rack, GROUP_BY, 3], [rack, NEAR], [rack, MAX_PER, '0']], healthChecks: [{portIndex: 4}]}")),
            "spec.cpus", "spec.constraints[0][2]", "spec.constraints[1][1]", "spec.constraints[2][2]", "spec.healthChecks[0].portIndex");

    [Theory]
    [InlineData("Hello", "'Hello' is not a valid app name: 'Hello' is not a valid path segment")]
    [InlineData("hello_world", "'hello_world' is not a valid app name: 'hello_world' is not a valid path segment")]
    [InlineData("a/tasks", "'a/tasks' is not a valid app name: must not end with the reserved word 'tasks'")]
    [InlineData("''", "'' is not a valid app name: must not be empty")]
    public void Decode_InvalidName_IsReportedAtMetadataName(string name, string message)
    {
        var errors = AssertErrors(Decode(App("{cmd: x}", $"{{name: {name}}}")), "metadata.name");
        Assert.StartsWith(message, MessageAt(errors, "metadata.name"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kind: App\nmetadata: {name: a}\nspec: {cmd: x}", "apiVersion", "is required (apiVersion: mesos-orleans.io/v1)")]
    [InlineData("apiVersion: v2\nkind: App\nmetadata: {name: a}\nspec: {cmd: x}", "apiVersion", "must be mesos-orleans.io/v1, not string \"v2\"")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nmetadata: {name: a}\nspec: {cmd: x}", "kind", "is required (kind: App)")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: Pod\nmetadata: {name: a}\nspec: {cmd: x}", "kind", "unknown kind string \"Pod\": the known kind is App")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: App\nspec: {cmd: x}", "metadata", "is required, with the app's name")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: App\nmetadata: {labels: {a: b}}\nspec: {cmd: x}", "metadata.name", "is required")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: App\nmetadata: {name: a}", "spec", "is required")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: App\nmetadata: {name: a}\nspec: ~", "spec", "is required")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: App\nmetadata: a\nspec: {cmd: x}", "metadata", "must be an object, not string \"a\"")]
    [InlineData("apiVersion: mesos-orleans.io/v1\nkind: App\nmetadata: {name: a}\nspec: {cmd: x}\nextra: 1", "extra", "unknown field")]
    public void Decode_BadEnvelope_ReportsTheFieldAndWhy(string text, string path, string message) =>
        AssertError(Decode(text), path, message);

    [Theory]
    [InlineData("- a\n- b", "a manifest must be an object with apiVersion, kind, metadata and spec, not a list")]
    [InlineData("hello", "a manifest must be an object with apiVersion, kind, metadata and spec, not string \"hello\"")]
    public void Decode_NonObjectDocument_IsReportedAtTheRoot(string text, string message)
    {
        var error = Assert.Single(AssertErrors(Decode(text), ""));
        Assert.Equal(message, error.Message);
        Assert.Equal(message, error.ToString());
    }

    [Fact]
    public void Decode_UnknownKind_DoesNotCheckTheSpecAgainstApp() =>
        AssertErrors(Decode("apiVersion: mesos-orleans.io/v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}"), "kind");

    [Fact]
    public void Decode_ReportsEveryProblemTogether()
    {
        var errors = AssertErrors(
            Decode(App("{cmd: x, cpus: abc, mem: -1, instnces: 2, env: {A: 1}, backoffFactor: 0.5}", "{name: Hello_World}")),
            "spec.cpus", "spec.mem", "spec.instnces", "spec.env.A", "spec.backoffFactor", "metadata.name");

        Assert.Equal("must be a number, not string \"abc\"", MessageAt(errors, "spec.cpus"));
        Assert.Equal("must be 0 or more, not -1", MessageAt(errors, "spec.mem"));
    }

    [Fact]
    public void Decode_MissingEnvelopeFieldsAndBadSpec_AreReportedTogether() =>
        AssertErrors(Decode("kind: App\nmetadata: {labels: {a: b}}\nspec: {cpus: abc, mem: -1}"), "apiVersion", "metadata.name", "spec.cpus", "spec.mem", "spec");

    [Fact]
    public void Decode_WrongTypes_DoNotCauseFollowUpErrors()
    {
        // A mistyped field is reported once; the rules that need its value do not add noise about it.
        AssertErrors(Decode(App("{cmd: 5}")), "spec.cmd");
        AssertErrors(Decode(App("{args: [1, x]}")), "spec.args[0]");
        AssertErrors(Decode(App("{cmd: x, portDefinitions: [web, {name: http}, {name: http}]}")), "spec.portDefinitions[0]", "spec.portDefinitions[2].name");
        AssertErrors(Decode(App("hello")), "spec");
        AssertErrors(Decode(App("{cmd: x}", "{name: 5}")), "metadata.name");
        AssertErrors(Decode(App("{cmd: x, cpus: ~, env: hello}")), "spec.cpus", "spec.env");
        AssertErrors(Decode(App("{args: hello}")), "spec.args");
    }

    [Fact]
    public void Decode_WrongTypes_DoNotHideRulesAboutOtherFields()
    {
        AssertErrors(Decode(App("{cmd: x, args: [a], cpus: abc}")), "spec", "spec.cpus");
        AssertErrors(Decode(App("{cmd: 5, args: [a]}")), "spec", "spec.cmd");
        AssertErrors(Decode(App("{cmd: x, cpus: abc}", "{name: hello, labels: {team: web}}") + "extra: 1\n"), "spec.cpus", "extra");
    }

    [Fact]
    public void Decode_ErrorPaths_PointAtSourceLines()
    {
        var document = Assert.Single(ManifestReader.Read("""
            apiVersion: mesos-orleans.io/v1
            kind: App
            metadata:
              name: hello
            spec:
              cmd: x
              cpus: abc
              portDefinitions:
                - name: http
                - name: http
            """));

        var errors = AssertErrors(AppManifestDecoder.Decode(document.Content), "spec.cpus", "spec.portDefinitions[1].name");

        Assert.Equal([7, 10], errors.Select(e => document.LineOf(e.Path)));
    }

    [Fact]
    public void Decode_IntegersFromJson()
    {
        var document = Assert.Single(ManifestReader.Read("""
            {"apiVersion": "mesos-orleans.io/v1", "kind": "App", "metadata": {"name": "hello"}, "spec": {"cmd": "x", "instances": 3, "cpus": 2}}
            """));

        Assert.Equal(3, AssertValid(AppManifestDecoder.Decode(document.Content)).Spec.Instances);
    }

    [Theory]
    [InlineData("3.0")]
    [InlineData("1e2")]
    [InlineData("2.5")]
    public void Decode_NonIntegerJsonNumber_IsAnErrorNotAnException(string number)
    {
        var json = $$$"""{"apiVersion": "mesos-orleans.io/v1", "kind": "App", "metadata": {"name": "hello"}, "spec": {"cmd": "x", "instances": {{{number}}}}}""";

        AssertError(Decode(json), "spec.instances", $"must be an integer, not number {number}");
    }

    [Fact]
    public void Decode_ReapplyingTheNormalizedSpec_GivesAnEqualSpec()
    {
        var first = Valid(Example);
        var manifest = new JsonObject
        {
            ["apiVersion"] = AppManifest.CurrentApiVersion,
            ["kind"] = AppManifest.AppKind,
            ["metadata"] = new JsonObject { ["name"] = first.Id.Name, ["labels"] = JsonSerializer.SerializeToNode(first.Spec.Labels, Json.Options) },
            ["spec"] = JsonSerializer.SerializeToNode(first.Spec, Json.Options),
        };

        var second = AssertValid(AppManifestDecoder.Decode(manifest));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Spec, second.Spec);
        Assert.Equal(first.Spec.GetHashCode(), second.Spec.GetHashCode());
        Assert.Equal(first.Spec, AppSpecDefaults.Normalize(first.Spec));
    }

    [Fact]
    public void Decode_ReappliedManifestWithAChange_IsNotEqual()
    {
        var first = Valid(Example);
        var changed = Valid(Example.Replace("GREETING: hi", "GREETING: hello", StringComparison.Ordinal));

        Assert.NotEqual(first.Spec, changed.Spec);
    }

    [Fact]
    public void DecodeMarathonApp_ReadsTheSpecWithItsId()
    {
        var definition = AssertValid(AppManifestDecoder.DecodeMarathonApp(JsonNode.Parse("""{"id": "/team/web", "cmd": "x", "instances": 2}""")));

        Assert.Equal("/team/web", definition.Id.Path);
        Assert.Equal("/team/web", definition.Spec.Id);
        Assert.Equal(2, definition.Spec.Instances);
        Assert.Single(definition.Spec.PortDefinitions!);
        Assert.Empty(definition.Annotations);
    }

    [Fact]
    public void DecodeMarathonApp_RoundTripsItsOwnOutput()
    {
        var first = Valid(Example);

        var second = AssertValid(AppManifestDecoder.DecodeMarathonApp(JsonSerializer.SerializeToNode(first.Spec, Json.Options)));

        Assert.Equal(first.Spec, second.Spec);
    }

    [Theory]
    [InlineData("""{"cmd": "x"}""", "id", "is required")]
    [InlineData("""{"id": "/Web", "cmd": "x"}""", "id", "'Web' is not a valid path segment: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit")]
    [InlineData("""{"id": "/web", "cmd": "x", "cpus": "two"}""", "cpus", "must be a number, not string \"two\"")]
    [InlineData("""{"id": "/web"}""", "", "one of cmd or args is required")]
    [InlineData("""{"id": "/web", "cmd": "x", "constraints": [["hostname", "UNIQUE"], ["rack", "UNIQUE", "x"]]}""", "constraints[1][2]", "UNIQUE takes no value")]
    public void DecodeMarathonApp_ReportsPathsFromItsRoot(string json, string path, string message) =>
        AssertError(AppManifestDecoder.DecodeMarathonApp(JsonNode.Parse(json)), path, message);

    [Fact]
    public void DecodeMarathonApp_ReportsEveryProblemTogether()
    {
        var errors = AssertErrors(
            AppManifestDecoder.DecodeMarathonApp(JsonNode.Parse("""{"id": "/Web", "cmd": "x", "cpus": "two", "mem": -1, "portDefinitions": [{"name": "a"}, {"name": "a"}]}""")),
            "id", "cpus", "mem", "portDefinitions[1].name");

        Assert.Equal(["/cpus", "/id", "/mem", "/portDefinitions(1)/name"], errors.Select(e => e.Path.ToMarathon()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DecodeMarathonApp_ConstraintErrors_HaveMarathonPaths()
    {
        var errors = AssertErrors(
            AppManifestDecoder.DecodeMarathonApp(JsonNode.Parse("""{"id": "/web", "cmd": "x", "constraints": [["hostname", "UNIQUE"], ["rack", "MAX_PER", 2], ["rack", "LIKE"]]}""")),
            "constraints[1][2]", "constraints[2][1]");

        Assert.Equal(["/constraints(1)(2)", "/constraints(2)(1)"], errors.Select(e => e.Path.ToMarathon()));
        Assert.Equal("must be a string, not number 2", errors[0].Message);
    }
}
