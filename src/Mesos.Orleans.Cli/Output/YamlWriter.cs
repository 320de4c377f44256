using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mesos.Orleans.Cli.Output;

/// <summary>
/// Writes a JSON tree as YAML, quoting strings that YAML would otherwise read as another type ("3", "true"), so
/// the output of <c>get -o yaml</c> applies back unchanged.
/// </summary>
internal static class YamlWriter
{
    public static void Write(JsonNode? node, TextWriter output)
    {
        var emitter = new Emitter(output);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(node, emitter);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void Emit(JsonNode? node, IEmitter emitter)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart());
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(new Scalar(key));
                    Emit(value, emitter);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(item, emitter);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                emitter.Emit(Scalar(value));
                break;
        }
    }

    private static Scalar Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => StringScalar(value.GetValue<string>()),
        JsonValueKind.True => new Scalar(null, null, "true", ScalarStyle.Plain, true, false),
        JsonValueKind.False => new Scalar(null, null, "false", ScalarStyle.Plain, true, false),
        JsonValueKind.Number => new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false),
        _ => new Scalar(null, null, "null", ScalarStyle.Plain, true, false),
    };

    private static Scalar StringScalar(string text)
    {
        var ambiguous = text.Length == 0 || text is "~" or "null" or "Null" or "NULL" or "true" or "false" or "True" or "False" or "yes" or "no"
            || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return ambiguous
            ? new Scalar(null, null, text, ScalarStyle.DoubleQuoted, false, true)
            : new Scalar(null, null, text, ScalarStyle.Any, true, true);
    }
}
