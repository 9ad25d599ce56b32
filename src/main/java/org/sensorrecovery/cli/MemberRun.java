package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

import org.sensorrecovery.cluster.ClusterMember;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.http.MemberEndpoint;

/** `run` with source.kafka: a solver member of the cluster until SIGTERM (loaded only then). */
final class MemberRun {

    private MemberRun() {
    }

    static int run(GatewayConfig c, PrintWriter out, PrintWriter err) throws InterruptedException {
        ClusterMember member;
        MemberEndpoint endpoint;
        try {
            member = ClusterMember.start(c);
        } catch (IOException | RuntimeException e) {
            return Shutdown.cannotStart(err, e);
        }
        String broker = c.broker() == null ? null : c.broker().url();
        try {
            endpoint = MemberEndpoint.startIfEnabled(member, broker, member::mqttConnected);
        } catch (IOException | RuntimeException e) {
            member.close();
            return Shutdown.cannotStart(err, e);
        }
        CountDownLatch stopped = Shutdown.onSignal(endpoint, member);
        out.printf("sensor-recovery member %s: group %s on %s, %d arrays configured%s%n", c.runtimeId(),
                c.source().group(), c.source().bootstrap(), c.arrays().size(),
                endpoint == null ? "" : ", http://127.0.0.1:" + endpoint.port() + "/api/arrays");
        out.flush();
        stopped.await();
        return 0;
    }
}
