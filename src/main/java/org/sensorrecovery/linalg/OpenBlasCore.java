package org.sensorrecovery.linalg;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.platform.linux.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a dynamic-arch OpenBLAS pick the kernels this CPU can run. An OpenBLAS older than the CPU
 * (Debian 12 ships 0.3.21) does not know newer models and falls back to its Prescott (SSE3)
 * kernels, a third of the speed on an AVX-512 Xeon. OpenBLAS reads OPENBLAS_CORETYPE when it is
 * loaded, so it must be in the process environment before the first native BLAS call: set through
 * libc's setenv (the JVM's own copy of the environment is read-only).
 */
final class OpenBlasCore {

    static final String VARIABLE = "OPENBLAS_CORETYPE";

    private OpenBlasCore() {
    }

    /**
     * Sets OPENBLAS_CORETYPE from the CPU's features on Linux x86_64 unless the user has set it.
     *
     * @return the core type set, or empty when nothing was changed
     */
    static Optional<String> selectForThisCpu() {
        if (System.getenv(VARIABLE) != null || !isLinuxX86()) {
            return Optional.empty();
        }
        Optional<String> core = coreFor(cpuFlags());
        core.ifPresent(c -> {
            try {
                LibC.INSTANCE.setenv(VARIABLE, c, 0);
            } catch (RuntimeException | LinkageError e) {
                // No libc binding here: OpenBLAS keeps its own detection.
            }
        });
        return core;
    }

    /**
     * The OpenBLAS core type whose double-precision kernels need only these /proc/cpuinfo flags:
     * SkylakeX for AVX-512 (F, DQ, BW, VL), Haswell for AVX2 with FMA, none below that (OpenBLAS's
     * own detection is right for older CPUs).
     */
    static Optional<String> coreFor(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512dq", "avx512bw", "avx512vl"))) {
            return Optional.of("SkylakeX");
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /** OpenBLAS's name for the kernels it chose, when the loaded BLAS is OpenBLAS. */
    static Optional<String> loadedCoreName(String library) {
        try {
            Function f = NativeLibrary.getInstance(library).getFunction("openblas_get_corename");
            return Optional.ofNullable((String) f.invoke(String.class, new Object[0]));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * Sets how many threads the loaded OpenBLAS uses per call (openblas_set_num_threads).
     *
     * @return false when the library is not an OpenBLAS (nothing was changed)
     */
    static boolean setThreads(String library, int threads) {
        try {
            NativeLibrary.getInstance(library).getFunction("openblas_set_num_threads").invoke(new Object[] {threads});
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean isLinuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException e) {
            // No cpuinfo: leave the choice to OpenBLAS.
        }
        return Set.of();
    }
}
