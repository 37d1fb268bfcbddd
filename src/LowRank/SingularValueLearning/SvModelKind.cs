namespace LowRank.SingularValueLearning;

/// <summary>Which SV-Learn network: the paper's, or our improved variant.</summary>
public enum SvModelKind
{
    /// <summary>SV-Learn §III: flattened matrix → two hidden ReLU layers, each followed by dropout → min(m, n) outputs, L1 loss.</summary>
    Paper,

    /// <summary>
    /// <see cref="Neural.SpectralRegressor{T}"/>: scale-free <see cref="Neural.SpectralFeatures"/> in, σ/‖A‖_F out through a monotone
    /// softplus head, early stopping on a validation split.
    /// </summary>
    Improved,
}
