package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.linalg.Gemm;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.worker.ArraySolver;
import org.sensorrecovery.wire.WireLimits;

/** The heap estimate against the heap real full windows take, and the refusal it drives. */
class MemoryBudgetTest {

    /**
     * Bytes of the primitive arrays reachable from a solver through the project's own objects: the
     * window and workspaces, counted exactly (a heap reading after GC would also count G1's
     * rounding of large arrays up to whole regions, which depends on the heap, not the array).
     */
    private static long arrayBytes(Object root) throws IllegalAccessException {
        return walk(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static long walk(Object o, Set<Object> seen) throws IllegalAccessException {
        // The kernel is one per process, shared by every array (its row-block workspace too): not the array's.
        if (o == null || o instanceof Gemm || !seen.add(o)) {
            return 0;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            if (c.getComponentType().isPrimitive()) {
                int element = c == double[].class || c == long[].class ? 8 : c == int[].class || c == float[].class ? 4 : 1;
                return 16 + (long) Array.getLength(o) * element;
            }
            long sum = 0;
            for (int i = 0; i < Array.getLength(o); i++) {
                sum += walk(Array.get(o, i), seen);
            }
            return sum;
        }
        if (!c.getName().startsWith("org.sensorrecovery.")) {
            return 0;
        }
        long sum = 0;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                    f.setAccessible(true);
                    sum += walk(f.get(o), seen);
                }
            }
        }
        return sum;
    }

    private static Measurement measurement(ArrayConfig a, SplittableRandom rnd) {
        return switch (a.kind()) {
            case RANK_ONE -> new Measurement.RankOne(rnd.doubles(a.d()).toArray(), 1);
            case ENTRY -> a.rectangular() ? new Measurement.Entry(rnd.nextInt(a.rows()), rnd.nextInt(a.cols()), 1)
                    : new Measurement.Entry(rnd.nextInt(a.d()), rnd.nextInt(a.d()), 1);
            case GAUSSIAN -> new Measurement.Gaussian(rnd.nextLong(), 1);
            case DENSE -> new Measurement.Dense(rnd.doubles((long) a.d() * a.d()).toArray(), 1);
            case BILINEAR -> new Measurement.Bilinear(rnd.doubles(a.rows()).toArray(), rnd.doubles(a.cols()).toArray(), 1);
        };
    }

    /**
     * The estimate covers what a full window really holds (the solver's arrays after the window
     * filled and one refine), and is not more than twice it.
     */
    @Test
    void theEstimateCoversWhatFullWindowsTakeAndIsNotTwiceIt() throws IllegalAccessException {
        List<ArrayConfig> arrays = List.of(
                new ArrayConfig("r", Kind.RANK_ONE, 32, 0, 4_000, Method.PRECOND, 1e-3, 1e-10, 1),
                new ArrayConfig("e", Kind.ENTRY, 64, 0, 10_000, Method.PRECOND, 1e-3, 1e-10, 1),
                new ArrayConfig("g", Kind.GAUSSIAN, 16, 0, 2_000, Method.PRECOND, 1e-3, 1e-10, 1),
                new ArrayConfig("x", Kind.DENSE, 8, 3, 2_000, Method.PRECOND, 1e-3, 1e-10, 1),
                ArrayConfig.rectangular("b", Kind.BILINEAR, 30, 20, 0, 4_000, Method.PRECOND, 1e-3, 1e-10, 1),
                ArrayConfig.rectangular("c", Kind.ENTRY, 30, 20, 4, 4_000, Method.PRECOND, 1e-3, 1e-10, 1));
        SplittableRandom rnd = new SplittableRandom(1);
        for (ArrayConfig a : arrays) {
            ArraySolver s = ArraySolver.forArray(a);
            for (int i = 0; i < a.window(); i++) {
                s.solver().add(measurement(a, rnd), "d" + (i % 4));
            }
            s.solver().refine(1, Long.MAX_VALUE);
            long taken = arrayBytes(s);
            long estimate = MemoryBudget.arrayBytes(a);
            assertTrue(estimate >= taken, a.id() + ": estimate " + estimate + " below the " + taken + " bytes taken");
            assertTrue(estimate <= 2 * taken, a.id() + ": estimate " + estimate + " over twice the " + taken + " taken");
        }
    }

    /** An array costs what its data needs: the window's rows grow by doubling as measurements arrive. */
    @Test
    void aWindowsArraysGrowWithItsDataUpToItsCapacity() throws IllegalAccessException {
        ArrayConfig a = new ArrayConfig("r", Kind.RANK_ONE, 32, 0, 4_000, Method.PRECOND, 1e-3, 1e-10, 1);
        ArraySolver s = ArraySolver.forArray(a);
        long empty = arrayBytes(s);
        assertTrue(empty < MemoryBudget.arrayBytes(a) / 8, "an empty window holds " + empty + " bytes");
        SplittableRandom rnd = new SplittableRandom(2);
        long before = empty;
        int added = 0;
        for (int n : new int[] {300, 1_000, 4_000, 9_000}) {
            for (; added < n; added++) {
                s.solver().add(measurement(a, rnd), "d");
            }
            s.solver().refine(1, Long.MAX_VALUE);
            long now = arrayBytes(s);
            assertTrue(now >= before, n + ": " + now + " < " + before);
            assertTrue(now <= MemoryBudget.arrayBytes(a), n + ": " + now + " over the budget");
            before = now;
        }
        assertTrue(before > MemoryBudget.arrayBytes(a) / 2, "a full window holds its budget's worth: " + before);
    }

    private static GatewayConfig gateway(int arrays, int window) {
        List<ArrayConfig> list = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            list.add(new ArrayConfig("a" + i, Kind.RANK_ONE, 16, 0, window, Method.PRECOND, 1e-3, 1e-10, 50));
        }
        return new GatewayConfig("m", null, 0, Path.of("data"), "sensors", Duration.ofSeconds(1), WireLimits.DEFAULT, 48,
                0, list);
    }

    @Test
    void aConfigWhoseFullWindowsCannotFitTheHeapIsRefusedNamingWhatItNeeds() throws ConfigException {
        long heap = 64L << 20;
        MemoryBudget.check(gateway(100, 512), heap);
        ConfigException e = assertThrows(ConfigException.class, () -> MemoryBudget.check(gateway(100, 4096), heap));
        assertTrue(e.getMessage().startsWith("arrays: 100 arrays need about "), e.getMessage());
        assertTrue(e.getMessage().contains("but the JVM may use 64.0 MB (-Xmx)"), e.getMessage());
    }
}
