using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Manifests;

/// <summary>
/// Checks that a JSON tree has the shape of a .NET model type — every field known, every value of the right
/// type — and reports every mismatch with its path, which the JSON deserializer cannot do (it stops at the
/// first). A tree that passes deserializes without error.
/// </summary>
public static class StrictShape
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyShape>> Shapes = new();

    /// <summary>Fields that a type accepts on input and ignores (read-only fields echoed back by tools).</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class IgnoresFieldsAttribute(params string[] names) : Attribute
    {
        /// <summary>The ignored field names.</summary>
        public IReadOnlyList<string> Names { get; } = names;
    }

    /// <summary>Checks <paramref name="node"/> against <paramref name="type"/>, adding problems to <paramref name="errors"/>.</summary>
    public static void Check(JsonNode? node, Type type, FieldPath path, ValidationErrors errors) =>
        Check(node, type, allowNull: false, path, errors, repair: false);

    /// <summary>
    /// Checks like <see cref="Check(JsonNode?, Type, FieldPath, ValidationErrors)"/>, and returns a copy of
    /// <paramref name="node"/> in which every value that does not fit is replaced by a well-typed stand-in and every
    /// unknown field is dropped, so that the rest deserializes and its rules can still be checked. What the rules say
    /// at or under a reported path is about a stand-in, not about what the user wrote.
    /// </summary>
    internal static JsonNode? CheckAndRepair(JsonNode? node, Type type, FieldPath path, ValidationErrors errors)
    {
        var copy = node?.DeepClone();
        return Check(copy, type, allowNull: false, path, errors, repair: true) ? copy : StandIn(type);
    }

    // True when the node itself has the right kind; problems inside it are reported (and repaired when asked).
    private static bool Check(JsonNode? node, Type type, bool allowNull, FieldPath path, ValidationErrors errors, bool repair)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            type = underlying;
            allowNull = true;
        }

        if (node is null)
        {
            if (!allowNull)
            {
                errors.Add(path, $"must be {Describe(type)}, not null");
            }

            return allowNull;
        }

        if (type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(object))
        {
            return true;
        }

        var problems = errors.All.Count;

        if (type == typeof(string))
        {
            Expect(node, JsonValueKind.String, "a string", path, errors);
        }
        else if (type == typeof(bool))
        {
            if (node is not JsonValue v || v.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(path, $"must be a boolean (true or false), not {Show(node)}");
            }
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            // Judged by the number's text, as the deserializer reads it: 3.0 and 1e2 do not read as an int. (The
            // value itself may be a long or a double, as the YAML reader makes them, or a JSON element.)
            if (Expect(node, JsonValueKind.Number, "an integer", path, errors)
                && !(type == typeof(int)
                    ? int.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    : long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            {
                errors.Add(path, $"must be an integer, not {Show(node)}");
            }
        }
        else if (type == typeof(double))
        {
            Expect(node, JsonValueKind.Number, "a number", path, errors);
        }
        else if (type == typeof(DateTimeOffset))
        {
            if (Expect(node, JsonValueKind.String, "a timestamp", path, errors) && !DateTimeOffset.TryParse(node.GetValue<string>(), out _))
            {
                errors.Add(path, $"must be an RFC 3339 timestamp, not {Show(node)}");
            }
        }
        else if (type.IsEnum)
        {
            var names = WireNames(type);
            if (Expect(node, JsonValueKind.String, "one of " + string.Join(", ", names), path, errors)
                && !names.Contains(node.GetValue<string>(), StringComparer.Ordinal))
            {
                errors.Add(path, $"must be one of {string.Join(", ", names)}, not {Show(node)}");
            }
        }
        else if (DictionaryValueType(type) is { } valueType)
        {
            if (node is not JsonObject obj)
            {
                errors.Add(path, $"must be a map of names to {Describe(valueType)}, not {Show(node)}");
                return false;
            }

            foreach (var (key, value) in obj.ToList())
            {
                if (!Check(value, valueType, allowNull: false, path.Property(key), errors, repair) && repair)
                {
                    obj[key] = StandIn(valueType);
                }
            }

            return true;
        }
        else if (ListItemType(type) is { } itemType)
        {
            if (node is not JsonArray array)
            {
                errors.Add(path, $"must be a list, not {Show(node)}");
                return false;
            }

            for (int i = 0; i < array.Count; i++)
            {
                if (!Check(array[i], itemType, allowNull: false, path.Index(i), errors, repair) && repair)
                {
                    array[i] = StandIn(itemType);
                }
            }

            return true;
        }
        else if (type.IsClass)
        {
            return CheckObject(node, type, path, errors, repair);
        }
        else
        {
            throw new NotSupportedException($"StrictShape cannot check {type}");
        }

        return errors.All.Count == problems;
    }

    private static bool CheckObject(JsonNode node, Type type, FieldPath path, ValidationErrors errors, bool repair)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(path, $"must be an object, not {Show(node)}");
            return false;
        }

        var shape = Shapes.GetOrAdd(type, ShapeOf);
        var ignored = type.GetCustomAttribute<IgnoresFieldsAttribute>()?.Names ?? [];
        foreach (var (key, value) in obj.ToList())
        {
            if (shape.TryGetValue(key, out var property))
            {
                if (!Check(value, property.Type, property.Nullable, path.Property(key), errors, repair) && repair)
                {
                    obj[key] = StandIn(property.Type);
                }
            }
            else if (!ignored.Contains(key))
            {
                var hint = Closest(key, shape.Keys);
                errors.Add(path.Property(key), hint is null ? "unknown field" : $"unknown field (did you mean '{hint}'?)");
                if (repair)
                {
                    obj.Remove(key);
                }
            }
        }

        return true;
    }

    // A value of the type that deserializes; it stands for one that did not fit. Strings and lists are not empty, so
    // that a field the user did set (wrongly) still counts as set for the rules that look at other fields.
    private static JsonNode? StandIn(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? JsonValue.Create("?")
            : type == typeof(bool) ? JsonValue.Create(false)
            : type == typeof(int) || type == typeof(long) || type == typeof(double) ? JsonValue.Create(1)
            : type == typeof(DateTimeOffset) ? JsonValue.Create("2000-01-01T00:00:00Z")
            : type.IsEnum ? JsonValue.Create(WireNames(type)[0])
            : DictionaryValueType(type) is not null ? new JsonObject()
            : ListItemType(type) is { } itemType ? new JsonArray(StandIn(itemType))
            : type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(object) ? null
            : new JsonObject();
    }

    private static IReadOnlyDictionary<string, PropertyShape> ShapeOf(Type type)
    {
        var shape = new Dictionary<string, PropertyShape>(StringComparer.Ordinal);
        var nullability = new NullabilityInfoContext(); // not thread-safe; shapes are built once per type, so one each
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonIgnoreAttribute>() is not null || p.SetMethod is null)
            {
                continue;
            }

            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            var nullable = !p.PropertyType.IsValueType && nullability.Create(p).WriteState == NullabilityState.Nullable;
            shape[name] = new PropertyShape(p.PropertyType, nullable);
        }

        return shape;
    }

    // The names an enum has on the wire: its JsonStringEnumMemberName where given.
    private static string[] WireNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .ToArray();

    private static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        return (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
            && args[0] == typeof(string) ? args[1] : null;
    }

    private static Type? ListItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IList<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0] : null;
    }

    private static bool Expect(JsonNode node, JsonValueKind kind, string what, FieldPath path, ValidationErrors errors)
    {
        if (node is JsonValue v && v.GetValueKind() == kind)
        {
            return true;
        }

        errors.Add(path, $"must be {what}, not {Show(node)}");
        return false;
    }

    private static string Describe(Type type) =>
        type == typeof(string) ? "a string"
        : type == typeof(bool) ? "a boolean"
        : type == typeof(int) || type == typeof(long) ? "an integer"
        : type == typeof(double) ? "a number"
        : ListItemType(type) is not null ? "a list"
        : "an object";

    /// <summary>Shows a value the way a user wrote it, shortened, with its JSON kind.</summary>
    public static string Show(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        var kind = node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "list",
            JsonValueKind.Object => "object",
            _ => "value",
        };
        var text = node.ToJsonString();
        return kind is "list" ? "a list" : kind is "object" ? "an object" : $"{kind} {(text.Length > 40 ? text[..40] + "…" : text)}";
    }

    // The known name nearest to a misspelt one, if it is near enough to be a likely typo.
    private static string? Closest(string key, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        return bestDistance <= Math.Max(1, key.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private sealed record PropertyShape(Type Type, bool Nullable);
}
