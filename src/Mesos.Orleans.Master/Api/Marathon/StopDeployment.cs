using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The deployment of a <c>DELETE /v2/apps/{id}</c>: it lasts until the app's last instance is gone.</summary>
/// <param name="Id">The deployment's id.</param>
/// <param name="App">The app being stopped.</param>
/// <param name="Version">When the delete was asked for.</param>
internal sealed record StopDeployment(string Id, AppId App, DateTimeOffset Version);
