import Foundation

/// SIGTERM as a request to stop cleanly: what SLURM sends before a time limit (`--signal=B:TERM@120`), on
/// preemption and on `scancel --signal=TERM`. `repanalyze train` installs the handler; the training loop sees
/// `requested` between steps, writes a checkpoint and returns, so a requeued task resumes where it stopped.
public enum StopSignal {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// Installs the SIGTERM handler (it only sets a flag) and unblocks SIGTERM, which a parent may have left
    /// blocked in the mask this process inherited.
    public static func install() {
        flag = 0
        signal(SIGTERM) { _ in StopSignal.flag = 1 }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// True once SIGTERM has arrived.
    public static var requested: Bool { flag != 0 }
}
