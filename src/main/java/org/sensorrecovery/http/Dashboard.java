package org.sensorrecovery.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.sensorrecovery.runtime.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's state: samples every array twice a second on one thread (timelines, error
 * against the truth) and pushes the state to the connected event streams, so a browser gets at
 * most two updates a second whatever the ingest rate.
 */
final class Dashboard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    static final long TICK_MILLIS = 500;

    private final Gateway gateway;
    private final Clock clock;
    private final EventStreams events;
    private final List<ArrayTracker> trackers = new ArrayList<>();
    private final ScheduledExecutorService sampler;

    Dashboard(Gateway gateway, Clock clock, EventStreams events) {
        this.gateway = gateway;
        this.clock = clock;
        this.events = events;
        gateway.arrays().forEach(a -> trackers.add(new ArrayTracker(a, gateway)));
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-" + gateway.config().runtimeId());
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        sampler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    Gateway gateway() {
        return gateway;
    }

    private void tick() {
        try {
            long now = clock.millis();
            for (ArrayTracker t : trackers) {
                t.sample(now);
            }
            if (events.connected() > 0) {
                events.publish(StateJson.all(gateway, trackers, now));
            }
        } catch (RuntimeException e) {
            // Keep sampling: one bad tick must not stop the dashboard for good.
            LOG.error("dashboard: sampling failed", e);
        }
    }

    byte[] allJson() {
        return StateJson.all(gateway, trackers, clock.millis());
    }

    /** One array with its history, or null when this runtime has no such array. */
    byte[] arrayJson(String id) {
        for (ArrayTracker t : trackers) {
            if (t.array().config().id().equals(id)) {
                return StateJson.one(gateway, t, clock.millis());
            }
        }
        return null;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
