using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api;

/// <summary>Boolean query parameters (<c>force</c>, <c>partialUpdate</c>, <c>watch</c>), refused with a 400 when malformed.</summary>
internal static class QueryFlags
{
    /// <summary>
    /// The value of <paramref name="name"/>: <paramref name="fallback"/> when absent, true when given without a value;
    /// false with the 400 to answer when it is not <c>true</c> or <c>false</c>.
    /// </summary>
    public static bool TryGet(HttpRequest request, string name, bool fallback, out bool value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (!request.Query.TryGetValue(name, out var values))
        {
            return true;
        }

        var text = values.ToString();
        if (text.Length == 0)
        {
            value = true;
            return true;
        }

        if (bool.TryParse(text, out value))
        {
            return true;
        }

        error = ApiResults.BadRequest($"invalid query parameter {name}: '{Shorten(text)}' is neither true nor false");
        return false;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
