using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>What every server process (<c>up</c>, <c>master</c>, <c>agent</c>) starts from: Kestrel, console logs, the clock.</summary>
internal static class ServerBuilder
{
    /// <summary>A web application builder listening on <paramref name="listen"/>.</summary>
    public static WebApplicationBuilder Create(Uri listen)
    {
        var builder = MasterWebHost.CreateBuilder(listen);
        builder.Logging.ClearProviders();
        // Log scopes carry the current span's trace and span ids, so a line can be found from its trace and back.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The URL others reach a server on: <paramref name="advertise"/>, else <paramref name="listen"/> with a wildcard host made this machine's name.</summary>
    public static Uri Advertised(Uri listen, Uri? advertise) =>
        advertise ?? (listen.Host is "0.0.0.0" or "[::]" or "::" ? new UriBuilder(listen) { Host = System.Net.Dns.GetHostName() }.Uri : listen);
}
