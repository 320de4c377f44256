using System.Diagnostics.CodeAnalysis;

// Test names follow Type_Behaviour.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Test names are Type_Behaviour.", Scope = "namespaceanddescendants",
    Target = "~N:Mesos.Orleans.Agent.Tests.Containerizers")]
