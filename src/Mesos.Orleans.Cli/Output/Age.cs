using System.Globalization;

namespace Mesos.Orleans.Cli.Output;

/// <summary>How long ago something happened, in kubectl's short form: 45s, 5m, 3h, 2d.</summary>
internal static class Age
{
    public static string Since(DateTimeOffset? then, DateTimeOffset now)
    {
        if (then is not { } at)
        {
            return "-";
        }

        var age = now - at;
        return age.TotalSeconds < 0 ? "0s"
            : age.TotalSeconds < 120 ? Format(age.TotalSeconds, "s")
            : age.TotalMinutes < 120 ? Format(age.TotalMinutes, "m")
            : age.TotalHours < 48 ? Format(age.TotalHours, "h")
            : Format(age.TotalDays, "d");
    }

    /// <summary>A duration in the same short form, for what lies ahead ("in 3s").</summary>
    public static string Of(TimeSpan span) => Since(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch + span);

    private static string Format(double value, string unit) => ((long)value).ToString(CultureInfo.InvariantCulture) + unit;
}
