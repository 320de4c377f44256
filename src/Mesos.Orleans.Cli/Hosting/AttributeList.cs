namespace Mesos.Orleans.Cli.Hosting;

/// <summary>Mesos' <c>--attributes</c> form: <c>rack:a;zone:1</c>.</summary>
internal static class AttributeList
{
    public static bool TryParse(string? text, out IReadOnlyDictionary<string, string> attributes, out string? error)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        attributes = parsed;
        error = null;
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                error = $"'{pair}' is not name:value";
                return false;
            }

            parsed[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }

        return true;
    }
}
