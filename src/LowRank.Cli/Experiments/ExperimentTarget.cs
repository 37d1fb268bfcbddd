namespace LowRank.Cli.Experiments;

/// <summary>
/// One target of an experiment and its verdict: <see cref="Passed"/> is true or false when the run judged it, null
/// when it did not (a --quick run trains on part of the data, so its accuracy says nothing about the full run's target).
/// </summary>
internal sealed record ExperimentTarget(string Name, string Measured, bool? Passed)
{
    /// <summary>"PASS", "FAIL" or "not judged".</summary>
    public string Result => Passed switch { true => "PASS", false => "FAIL", null => "not judged" };

    /// <summary>
    /// results.json's all_targets_passed: false when a judged target failed, true only when every target was judged and
    /// passed, otherwise null (left out of results.json) — a run that did not judge a target never reports it as passed.
    /// </summary>
    public static bool? AllPassed(IEnumerable<ExperimentTarget> targets)
    {
        var list = targets.ToList();
        if (list.Any(t => t.Passed == false)) return false;
        return list.All(t => t.Passed == true) ? true : null;
    }

    /// <summary>results.json's entry: name, measured, result, and passed when judged.</summary>
    public object Json() => new { Name, Measured, Result, Passed };
}
