using System.Security.Cryptography;
using System.Text;

namespace FinSight.Dashboard.Access;

/// <summary>
/// Generates key secrets and the hash stored in their place. Secrets carry 256 random bits, so one fast
/// SHA-256 is enough (a slow password hash protects guessable secrets; these are not guessable) and lets a
/// key be looked up by its hash with an index on every request.
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>Every generated secret starts with this, so leaked keys are recognisable (secret scanners, logs).</summary>
    public const string Marker = "fsk_";

    public static string NewSecret() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>What a user sees of a key after creation: enough to tell keys apart, far too little to use one.</summary>
    public static string PrefixOf(string secret) => secret.Length <= 8 ? secret[..Math.Min(4, secret.Length)] : secret[..8];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
