/// Vietoris–Rips persistent homology: point clouds and distance matrices in, barcodes out.
/// Depends on the Swift standard library only.
public enum TopologyTDA {}
