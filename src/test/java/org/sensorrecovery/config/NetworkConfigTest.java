package org.sensorrecovery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.Scenario;
import org.sensorrecovery.simulate.ScenarioReader;

/** device-configs/network.yaml: the quadratic network's gateway, matching simulators/network.yaml. */
class NetworkConfigTest {

    @Test
    void theNetworkConfigLoadsWithOneRankOneArrayOfFullWidthOnTheEmbeddedBroker() throws Exception {
        GatewayConfig c = GatewayConfig.load(Path.of("device-configs/network.yaml"));
        assertNull(c.broker(), "embedded broker");
        assertEquals(1883, c.embeddedPort());
        assertEquals(1, c.arrays().size());
        ArrayConfig net = c.arrays().get(0);
        assertEquals("net50", net.id());
        assertEquals(Kind.RANK_ONE, net.kind());
        assertEquals(0, net.rankBound(), "no rank given");
        assertEquals(net.d(), net.width(), "k = d");
    }

    @Test
    void theSimulatedTrainerFeedsThatArrayAndItsWindowHoldsTheWholeRun() throws Exception {
        ArrayConfig net = GatewayConfig.load(Path.of("device-configs/network.yaml")).arrays().get(0);
        Scenario s = ScenarioReader.load(Path.of("simulators/network.yaml"));
        assertEquals(net.id(), s.array());
        assertEquals(net.kind(), s.kind());
        assertEquals(net.d(), s.d());
        assertTrue(s.count() <= net.window(), "window " + net.window() + " for " + s.count() + " samples");
        assertTrue(s.count() >= 4 * s.d() * s.truth().rank(), "at least 4 d r samples");
    }
}
