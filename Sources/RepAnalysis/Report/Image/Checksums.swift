/// The CRC-32 of PNG chunks and gzip (polynomial 0xEDB88320, reflected), table-driven.
public struct CRC32: Sendable {
    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    private var crc: UInt32 = 0xFFFF_FFFF

    /// A fresh checksum.
    public init() {}

    /// Adds bytes to the checksum.
    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        var c = crc
        Self.table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        crc = c
    }

    /// The checksum of everything added so far.
    public var value: UInt32 { crc ^ 0xFFFF_FFFF }

    /// The CRC-32 of `bytes`.
    public static func checksum<S: Sequence>(_ bytes: S) -> UInt32 where S.Element == UInt8 {
        var c = CRC32(); c.update(bytes); return c.value
    }
}

/// The Adler-32 checksum that ends a zlib stream (RFC 1950).
public struct Adler32: Sendable {
    private var a: UInt32 = 1, b: UInt32 = 0

    /// A fresh checksum.
    public init() {}

    /// Adds bytes to the checksum (sums reduced every 5552 bytes, the largest run that cannot overflow).
    public mutating func update(_ bytes: [UInt8]) {
        var i = 0
        while i < bytes.count {
            let end = min(i + 5552, bytes.count)
            while i < end { a &+= UInt32(bytes[i]); b &+= a; i += 1 }
            a %= 65521; b %= 65521
        }
    }

    /// The checksum of everything added so far.
    public var value: UInt32 { (b << 16) | a }

    /// The Adler-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 { var c = Adler32(); c.update(bytes); return c.value }
}
