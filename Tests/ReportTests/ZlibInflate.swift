import _CZlib

/// zlib's own `uncompress`, the reference decoder, for checking the PNG writer's image data.
enum TestInflate {
    struct Failure: Error { var status: Int32 }

    /// The bytes of the zlib stream `z`, whose decompressed size is at most `limit`.
    static func zlibDecompress(_ z: [UInt8], limit: Int = 1 << 26) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: limit)
        var size = uLongf(limit)
        let status = z.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { uncompress($0.baseAddress, &size, src.baseAddress, uLong(src.count)) }
        }
        guard status == Z_OK else { throw Failure(status: status) }
        return Array(out.prefix(Int(size)))
    }
}
