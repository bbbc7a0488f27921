/// Categorical colours for modules, dimensions and loss terms: matplotlib's tab10 (distinct, colour-blind aware).
public enum Palette {
    /// The ten tab10 colours.
    public static let tab10: [RGBA] = [
        RGBA(31, 119, 180), RGBA(255, 127, 14), RGBA(44, 160, 44), RGBA(214, 39, 40), RGBA(148, 103, 189),
        RGBA(140, 86, 75), RGBA(227, 119, 194), RGBA(127, 127, 127), RGBA(188, 189, 34), RGBA(23, 190, 207),
    ]
    /// The i-th categorical colour (cycling).
    public static func color(_ i: Int) -> RGBA { tab10[((i % tab10.count) + tab10.count) % tab10.count] }
}
