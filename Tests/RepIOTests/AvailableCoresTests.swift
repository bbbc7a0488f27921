import Testing
import RepIO

/// `ParallelChunks.availableCores` counts the CPUs of the process's affinity mask ("Cpus_allowed:" in
/// /proc/self/status). Expected counts are the masks' set bits, worked out by hand.
@Suite struct AvailableCoresTests {
    @Test func masksAreCountedBitByBit() {
        #expect(ParallelChunks.allowedCPUs(inStatus: "Name:\tx\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n") == 2)
        #expect(ParallelChunks.allowedCPUs(inStatus: "Cpus_allowed:\t1\n") == 1)
        #expect(ParallelChunks.allowedCPUs(inStatus: "Cpus_allowed:\t2\n") == 1)   // taskset -c 1
        #expect(ParallelChunks.allowedCPUs(inStatus: "Cpus_allowed:\tffffffff,ffffffff\n") == 64)
        #expect(ParallelChunks.allowedCPUs(inStatus: "Cpus_allowed:\t00000000,00000000,00000000,00000a05\n") == 4)
    }

    @Test func missingOrMalformedLinesGiveNil() {
        #expect(ParallelChunks.allowedCPUs(inStatus: "Name:\tx\nCpus_allowed_list:\t0-1\n") == nil)
        #expect(ParallelChunks.allowedCPUs(inStatus: "Cpus_allowed:\t\n") == nil)
        #expect(ParallelChunks.allowedCPUs(inStatus: "Cpus_allowed:\t0-3\n") == nil)
    }

    @Test func thisProcessHasAtLeastOneCore() {
        #expect(ParallelChunks.availableCores >= 1)
    }
}
