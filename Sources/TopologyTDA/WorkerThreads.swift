import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one body on several POSIX threads and waits for them (the caller's thread is worker 0).
///
/// Why pthreads and not Dispatch: the module depends on the standard library only, and the platform's C library
/// (which the Swift runtime links anyway) is enough to start a handful of threads once per dimension. The parallel
/// reduction never waits for another worker to make progress, so it stays correct when a thread cannot be started
/// (that worker's share is then done by the others).
enum WorkerThreads {
    private final class Job: @unchecked Sendable {
        let body: @Sendable (Int) -> Void
        let worker: Int
        init(_ body: @escaping @Sendable (Int) -> Void, _ worker: Int) { self.body = body; self.worker = worker }
    }

    /// Calls `body(w)` for w in 0..<count, each on its own thread, and returns when all have returned.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        if count <= 1 { body(0); return }
        #if canImport(Darwin)
        var threads = [pthread_t?]()
        #else
        var threads = [pthread_t]()
        #endif
        for w in 1..<count {
            let context = Unmanaged.passRetained(Job(body, w)).toOpaque()
            #if canImport(Darwin)
            var thread: pthread_t? = nil
            #else
            var thread = pthread_t()
            #endif
            let rc = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                job.body(job.worker)
                return nil
            }, context)
            if rc == 0 {
                threads.append(thread)
            } else {
                Unmanaged<Job>.fromOpaque(context).release()
            }
        }
        body(0)
        #if canImport(Darwin)
        for t in threads { if let t { pthread_join(t, nil) } }
        #else
        for t in threads { pthread_join(t, nil) }
        #endif
    }

    /// Calls `body(worker, range)` over 0..<count cut into chunks of `chunk`, the chunks handed out to `workers`
    /// threads as they come free.
    static func forEachChunk(_ count: Int, chunk: Int, workers: Int, _ body: @escaping @Sendable (Int, Range<Int>) -> Void) {
        let next = ChunkCounter()
        run(workers) { w in
            while true {
                let c = next.take()
                let lower = c * chunk
                if lower >= count { break }
                body(w, lower..<min(lower + chunk, count))
            }
        }
    }
}

/// A shared counter handing out chunk numbers.
private final class ChunkCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
