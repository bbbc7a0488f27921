/// How the distance between two points of a cloud is measured.
public enum Metric: String, CaseIterable, Sendable {
    /// Straight-line distance ‖x − y‖.
    case euclidean
    /// 1 − cos∠(x, y) (scikit-learn's cosine distance; Gardner et al. 2022 on grid-cell populations).
    case cosine
    /// 1 − Pearson correlation of the two coordinate vectors (scikit-learn's correlation distance).
    case correlation
}
