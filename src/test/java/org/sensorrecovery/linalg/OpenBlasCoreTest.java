package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTest {

    @Test
    void aCpuWithAvx512GetsTheSkylakeXKernels() {
        assertEquals(Optional.of("SkylakeX"),
                OpenBlasCore.coreFor(Set.of("sse2", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl")));
    }

    @Test
    void aCpuWithAvx2AndFmaButPartialAvx512GetsTheHaswellKernels() {
        assertEquals(Optional.of("Haswell"), OpenBlasCore.coreFor(Set.of("avx", "avx2", "fma", "avx512f")));
    }

    @Test
    void olderCpusAreLeftToOpenBlasItsOwnDetection() {
        assertEquals(Optional.empty(), OpenBlasCore.coreFor(Set.of("sse2", "sse4_2", "avx")));
        assertEquals(Optional.empty(), OpenBlasCore.coreFor(Set.of()));
    }
}
