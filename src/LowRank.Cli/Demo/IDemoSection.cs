namespace LowRank.Cli.Demo;

/// <summary>One section of <c>lowrank demo</c>: computes on bundled data, adds to the report, returns its summary for results.json.</summary>
internal interface IDemoSection
{
    /// <summary>Key in results.json.</summary>
    string Key { get; }

    /// <summary>Shown in the progress display.</summary>
    string Title { get; }

    object Run(DemoContext context);
}
