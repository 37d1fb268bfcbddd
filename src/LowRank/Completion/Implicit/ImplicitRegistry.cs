namespace LowRank.Completion.Implicit;

/// <summary>
/// The implicit-feedback models by command-line name, each built from the shared <see cref="CompletionOptions"/>
/// (a null field keeps the model's own default, written once in its options record). Adding a model is one line in
/// <see cref="Entries"/>. The order is the order of every comparison table.
/// </summary>
public static class ImplicitRegistry
{
    private static readonly (string Name, Func<CompletionOptions, IImplicitRecommender> Create)[] Entries =
    [
        ("implicit-als", o => new ImplicitAls(ImplicitAlsOptions.From(o))),
        ("bpr", o => new Bpr(BprOptions.From(o))),
        ("item-knn", o => new ItemKnn(ItemKnnOptions.From(o))),
    ];

    /// <summary>Every registered name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>A fresh model; an unknown name is an <see cref="InvalidInputException"/> listing the known ones.</summary>
    public static IImplicitRecommender Create(string name, CompletionOptions options) => Find(name).Create(options);

    /// <summary>Whether <paramref name="name"/> is a registered implicit model (case-insensitive).</summary>
    public static bool Contains(string name) => Entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    private static (string Name, Func<CompletionOptions, IImplicitRecommender> Create) Find(string name)
    {
        foreach (var entry in Entries)
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)) return entry;
        throw new InvalidInputException($"unknown implicit-feedback method '{name}'; choose one of {string.Join(", ", Names)}");
    }
}
