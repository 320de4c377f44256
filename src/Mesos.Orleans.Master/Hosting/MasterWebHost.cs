using Mesos.Orleans.Master.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mesos.Orleans.Master.Hosting;

/// <summary>The web host every server of this system starts from: Kestrel on one URL, sized for the API's bodies.</summary>
public static class MasterWebHost
{
    /// <summary>
    /// No configuration file is read, so none is watched: the default watches the working directory and all below it
    /// for changes, and a data directory under it (every store write changes a file) kept a core busy.
    /// </summary>
    private static readonly WebApplicationOptions Options = new()
    {
        Args = ["--hostBuilder:reloadConfigOnChange=false"],
        ContentRootPath = AppContext.BaseDirectory,
    };

    /// <summary>A web application builder listening on <paramref name="listen"/>.</summary>
    public static WebApplicationBuilder CreateBuilder(Uri listen)
    {
        var builder = WebApplication.CreateSlimBuilder(Options);
        builder.WebHost.UseUrls(listen.ToString());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MasterApi.MaxRequestBodyBytes);
        return builder;
    }
}
