package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class NetlibLogTest {

    @Test
    void netlibLinesGoToSlf4jNotToTheConsoleHandler() {
        Kernels.best();
        NetlibLog.install();
        Logger netlib = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder").getParent();
        assertFalse(netlib.getUseParentHandlers(), "java.util.logging's console handler would print them");
        assertEquals(1, Arrays.stream(netlib.getHandlers()).filter(h -> h instanceof NetlibLog).count(),
                "installed once, however often asked");
    }
}
