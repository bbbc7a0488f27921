import _CZlib

/// zlib (Debian's libz, already loaded by libhdf5) for the PNG writer: the zlib stream of the image data and the
/// chunk checksums. compress2 with dynamic Huffman codes gives smaller PNGs than the fixed-code DEFLATE we had.
public enum Zlib {
    /// The zlib stream (RFC 1950) of `bytes` at zlib's default level.
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &capacity, src.baseAddress, uLong(src.count), Z_DEFAULT_COMPRESSION)
            }
        }
        // compressBound is the documented worst case, so the only failure left is memory: a trap, not bad input.
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        return Array(out.prefix(Int(capacity)))
    }

    /// The CRC-32 (ISO 3309, as PNG chunks use) of the concatenation of `parts`.
    public static func crc32(_ parts: [UInt8]...) -> UInt32 {
        var crc = _CZlib.crc32(0, nil, 0)
        for part in parts {
            crc = part.withUnsafeBufferPointer { _CZlib.crc32(crc, $0.baseAddress, uInt($0.count)) }
        }
        return UInt32(crc)
    }
}
