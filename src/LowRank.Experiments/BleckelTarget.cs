namespace LowRank.Experiments;

/// <summary>A pass/fail target of the reproduction, with what was measured.</summary>
public sealed record BleckelTarget(string Name, string Measured, bool Passed);
