using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Tests.Manifests;

public class ManifestReaderTests
{
    private static JsonNode? ValueOf(string yaml) => Assert.Single(ManifestReader.Read(yaml)).Content!["v"];

    [Theory]
    [InlineData("v: \"3\"", JsonValueKind.String, "\"3\"")]
    [InlineData("v: '3'", JsonValueKind.String, "\"3\"")]
    [InlineData("v: !!str 3", JsonValueKind.String, "\"3\"")]
    [InlineData("v: |\n  3\n", JsonValueKind.String, "\"3\\n\"")]
    [InlineData("v: 3", JsonValueKind.Number, "3")]
    [InlineData("v: -7", JsonValueKind.Number, "-7")]
    [InlineData("v: 0x1F", JsonValueKind.Number, "31")]
    [InlineData("v: 1.5", JsonValueKind.Number, "1.5")]
    [InlineData("v: 1e3", JsonValueKind.Number, "1000")]
    [InlineData("v: true", JsonValueKind.True, "true")]
    [InlineData("v: False", JsonValueKind.False, "false")]
    [InlineData("v: yes", JsonValueKind.String, "\"yes\"")]
    [InlineData("v: off", JsonValueKind.String, "\"off\"")]
    [InlineData("v: 1e400", JsonValueKind.String, "\"1e400\"")]
    [InlineData("v: hello world", JsonValueKind.String, "\"hello world\"")]
    [InlineData("v: [1, a]", JsonValueKind.Array, "[1,\"a\"]")]
    [InlineData("v: {a: 1}", JsonValueKind.Object, "{\"a\":1}")]
    public void ManifestReader_TypesScalarsByYamlCoreSchema(string yaml, JsonValueKind kind, string json)
    {
        var value = ValueOf(yaml);

        Assert.NotNull(value);
        Assert.Equal(kind, value.GetValueKind());
        Assert.Equal(json, value.ToJsonString());
    }

    [Theory]
    [InlineData("v: ~")]
    [InlineData("v: null")]
    [InlineData("v: NULL")]
    [InlineData("v:")]
    public void ManifestReader_NullScalars(string yaml)
    {
        var document = Assert.Single(ManifestReader.Read(yaml));

        Assert.True(document.Content!.AsObject().ContainsKey("v"));
        Assert.Null(document.Content["v"]);
    }

    [Fact]
    public void ManifestReader_MultiDocumentStream_SkipsEmptyDocuments()
    {
        var documents = ManifestReader.Read("---\n---\na: 1\n---\n# only a comment\n---\nb: 2\n---\n");

        Assert.Equal([0, 1], documents.Select(d => d.Index));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], documents.Select(d => d.Content!.ToJsonString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing\n")]
    [InlineData("---\n")]
    public void ManifestReader_EmptyStream_HasNoDocuments(string text) =>
        Assert.Empty(ManifestReader.Read(text));

    [Fact]
    public void ManifestReader_JsonObject()
    {
        var document = Assert.Single(ManifestReader.Read("  {\"kind\": \"App\", \"spec\": {\"instances\": 3}}"));

        Assert.Equal(0, document.Index);
        Assert.Equal("App", document.Content!["kind"]!.GetValue<string>());
        Assert.Empty(document.Lines);
    }

    [Fact]
    public void ManifestReader_JsonArray_IsOneDocumentPerItem()
    {
        var documents = ManifestReader.Read("[{\"a\": 1}, {\"b\": 2}, {\"c\": 3}]");

        Assert.Equal([0, 1, 2], documents.Select(d => d.Index));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], documents.Select(d => d.Content!.ToJsonString()));
    }

    [Fact]
    public void ManifestReader_KindList_StandsForItsItems()
    {
        var documents = ManifestReader.Read("""
            first: 0
            ---
            apiVersion: v1
            kind: List
            items:
              - name: a
                spec:
                  cpus: 1
              - name: b
            ---
            last: 3
            """);

        Assert.Equal([0, 1, 2, 3], documents.Select(d => d.Index));
        Assert.Equal(
            ["{\"first\":0}", "{\"name\":\"a\",\"spec\":{\"cpus\":1}}", "{\"name\":\"b\"}", "{\"last\":3}"],
            documents.Select(d => d.Content!.ToJsonString()));
        Assert.Equal(8, documents[1].LineOf(FieldPath.Of("spec", "cpus")));
        Assert.Equal(9, documents[2].LineOf(FieldPath.Of("name")));
    }

    [Fact]
    public void ManifestReader_JsonKindList_StandsForItsItems() =>
        Assert.Equal(2, ManifestReader.Read("{\"kind\": \"List\", \"items\": [{\"a\": 1}, {\"b\": 2}]}").Count);

    [Fact]
    public void ManifestReader_LineOf_FallsBackToTheNearestParent()
    {
        var document = Assert.Single(ManifestReader.Read("""
            kind: App
            spec:
              cmd: x
              portDefinitions:
                - name: http
            """));

        Assert.Equal(1, document.LineOf(FieldPath.Of("kind")));
        Assert.Equal(3, document.LineOf(FieldPath.Of("spec", "cmd")));
        Assert.Equal(5, document.LineOf(FieldPath.Of("spec", "portDefinitions", 0, "name")));
        Assert.Equal(3, document.LineOf(FieldPath.Of("spec", "cpus")));
        Assert.Equal(1, document.LineOf(FieldPath.Of("nothing")));
    }

    [Theory]
    [InlineData("a: b: c\n", 1)]
    [InlineData("a: 1\n  b: 2\n", 2)]
    [InlineData("a: [1\n", 2)]
    [InlineData("a: 'x\n", 1)]
    [InlineData("a: 1\nb: [1, 2\nc: 3\n", 2)]
    [InlineData("a: 1\na: 2\n", 2)]
    public void ManifestReader_BadYaml_ThrowsWithTheLine(string text, int line)
    {
        var e = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read(text));

        Assert.Equal(line, e.Line);
        Assert.True(e.Column > 0, $"column {e.Column}");
        Assert.StartsWith("invalid YAML: ", e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {e.Column}: invalid YAML: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestReader_DuplicateKey_IsNamed() =>
        Assert.Contains("Duplicate key a", Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read("a: 1\na: 2\n")).Problem, StringComparison.Ordinal);

    [Theory]
    [InlineData("{\n  \"a\": 1,\n  \"b\": }\n", 3)]
    [InlineData("[{\"a\": 1},]", 1)]
    [InlineData("{\"a\": 1", 1)]
    public void ManifestReader_BadJson_ThrowsWithTheLine(string text, int line)
    {
        var e = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read(text));

        Assert.Equal(line, e.Line);
        Assert.StartsWith("invalid JSON: ", e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(" Path:", e.Problem, StringComparison.Ordinal);
    }
}
