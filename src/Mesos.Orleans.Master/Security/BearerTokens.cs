using System.Security.Cryptography;
using System.Text;

namespace Mesos.Orleans.Master.Security;

/// <summary>
/// A set of bearer tokens, kept as SHA-256 hashes and compared in constant time: neither the time an answer takes
/// nor an exception tells how much of a token was right.
/// </summary>
public sealed class BearerTokens
{
    private readonly byte[][] _hashes;

    /// <summary>Holds <paramref name="tokens"/> (blank ones are ignored).</summary>
    public BearerTokens(IEnumerable<string> tokens) =>
        _hashes = tokens.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Select(Hash).ToArray();

    /// <summary>How many tokens there are.</summary>
    public int Count => _hashes.Length;

    /// <summary>True when <paramref name="token"/> is one of the tokens.</summary>
    public bool Accepts(string? token)
    {
        var hash = Hash(token ?? "");
        var match = false;
        foreach (var known in _hashes)
        {
            // Every token is compared, so a match does not end the loop early.
            match |= CryptographicOperations.FixedTimeEquals(hash, known);
        }

        return match && !string.IsNullOrEmpty(token);
    }

    /// <summary>A new random token: 32 bytes, base64url.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
