namespace Mesos.Orleans.Agent.Health;

/// <summary>One check's answer: passed or not, whether it counts at all (HTTP 1xx may not), and a line for people.</summary>
public sealed record ProbeResult(bool Passed, string Text, bool Counts = true, int? StatusCode = null);
