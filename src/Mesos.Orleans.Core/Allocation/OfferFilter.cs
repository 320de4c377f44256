using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>
/// A framework's refusal of resources on one agent (Mesos' offer filter): it holds until <see cref="Until"/>, and
/// only while the agent has nothing the refused offer lacked.
/// </summary>
internal readonly record struct OfferFilter(FrameworkSlot Framework, ResourceSet Refused, DateTimeOffset Until);
