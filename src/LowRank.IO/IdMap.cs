namespace LowRank.IO;

/// <summary>
/// External ids (as written in a ratings file) ↔ dense 0-based indices. Indices follow the sorted order of the ids:
/// numerically when every id is an integer (so MovieLens user 1 is index 0), else ordinally — the map does not depend
/// on the order of the lines.
/// </summary>
public sealed class IdMap
{
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _index;

    /// <summary>A map over the distinct ids in <paramref name="ids"/>.</summary>
    public IdMap(IEnumerable<string> ids)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToArray();
        bool numeric = distinct.All(id => long.TryParse(id, System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out _));
        _ids = numeric
            ? [.. distinct.OrderBy(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).ThenBy(id => id, StringComparer.Ordinal)]
            : [.. distinct.Order(StringComparer.Ordinal)];
        _index = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        for (int k = 0; k < _ids.Length; k++) _index[_ids[k]] = k;
    }

    public int Count => _ids.Length;

    /// <summary>The external id of index <paramref name="index"/>.</summary>
    public string this[int index] => _ids[index];

    public bool TryGetIndex(string id, out int index) => _index.TryGetValue(id, out index);
}
