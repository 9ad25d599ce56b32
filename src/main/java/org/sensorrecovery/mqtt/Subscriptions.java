package org.sensorrecovery.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.sensorrecovery.mqtt.MqttTransport.Ack;
import org.sensorrecovery.mqtt.MqttTransport.DeferredHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transport's topic filters and their handlers, and the routing of each incoming message to its
 * handlers. Routed here, in the client-wide callback, not by Paho's per-subscription listeners: a
 * persistent session starts delivering before a listener could be registered again, and Paho
 * acknowledges messages that no listener takes. Each filter has a subscription identifier for
 * MQTT v5, whose brokers may send one copy of a message per matching subscription, each naming
 * its subscription; without identifiers (MQTT 3.1.1) a message goes to every filter it matches.
 */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private record Subscription(int id, int qos, DeferredHandler handler) {
    }

    private final Map<String, Subscription> byFilter = new ConcurrentHashMap<>();
    private final Map<Integer, Subscription> byId = new ConcurrentHashMap<>();
    /** The filters with + or #: only these need matching; the others are found by the topic itself. */
    private final Set<String> wildcardFilters = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextId = new AtomicInteger(1);

    /**
     * Adds a filter, or replaces its handler (it keeps its identifier).
     *
     * @return the filter, to subscribe to it now
     */
    Filters put(String filter, int qos, DeferredHandler handler) {
        Subscription s = byFilter.compute(filter,
                (f, old) -> new Subscription(old == null ? nextId.getAndIncrement() : old.id(), qos, handler));
        byId.put(s.id(), s);
        if (filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0) {
            wildcardFilters.add(filter);
        }
        return new Filters(new String[] {filter}, new int[] {qos}, new int[] {s.id()});
    }

    /** Every filter, to renew them all at once; empty when none. */
    Filters all() {
        List<Map.Entry<String, Subscription>> entries = new ArrayList<>(byFilter.entrySet());
        String[] filters = new String[entries.size()];
        int[] qos = new int[entries.size()];
        int[] ids = new int[entries.size()];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = entries.get(i).getKey();
            qos[i] = entries.get(i).getValue().qos();
            ids[i] = entries.get(i).getValue().id();
        }
        return new Filters(filters, qos, ids);
    }

    /**
     * Topic filters, each with its QoS and subscription identifier (parallel arrays, same order).
     *
     * @param ids MQTT v5 subscription identifiers, from 1
     */
    record Filters(String[] filters, int[] qos, int[] ids) {
        boolean isEmpty() {
            return filters.length == 0;
        }

        @Override
        public String toString() {
            return String.join(",", filters);
        }
    }

    /**
     * Hands a message to its handlers: those named by its subscription identifiers when it carries
     * any, otherwise every handler whose filter matches its topic. A filter equal to the topic is
     * found by a map lookup (a topic name has no wildcards, so equality is a match); only wildcard
     * filters go through Paho's matcher, which validates both strings on every call. A message for
     * several handlers is acknowledged once, when every one has acknowledged it; one for none is
     * acknowledged at once.
     *
     * @param subscriptionIds the identifiers the message carries; empty for none
     */
    void dispatch(String topic, byte[] payload, Ack ack, List<Integer> subscriptionIds) {
        List<Subscription> to = subscriptionIds.isEmpty() ? matching(topic) : identified(subscriptionIds);
        if (to.isEmpty()) {
            ack.ack();
        } else if (to.size() == 1) {
            deliver(to.get(0), topic, payload, ack);
        } else {
            Ack shared = sharedAck(ack, to.size());
            for (Subscription s : to) {
                deliver(s, topic, payload, shared);
            }
        }
    }

    private List<Subscription> matching(String topic) {
        Subscription exact = byFilter.get(topic);
        List<Subscription> to = exact == null ? new ArrayList<>(1) : new ArrayList<>(List.of(exact));
        for (String filter : wildcardFilters) {
            Subscription s = byFilter.get(filter);
            if (s != null && MqttTopic.isMatched(filter, topic)) {
                to.add(s);
            }
        }
        return to;
    }

    private List<Subscription> identified(List<Integer> ids) {
        List<Subscription> to = new ArrayList<>(ids.size());
        for (Integer id : ids) {
            Subscription s = byId.get(id);
            if (s != null) {
                to.add(s);
            }
        }
        return to;
    }

    private static Ack sharedAck(Ack ack, int parties) {
        AtomicInteger left = new AtomicInteger(parties);
        return () -> {
            if (left.decrementAndGet() == 0) {
                ack.ack();
            }
        };
    }

    private static void deliver(Subscription s, String topic, byte[] payload, Ack ack) {
        try {
            s.handler().onMessage(topic, payload, ack);
        } catch (RuntimeException ex) {
            LOG.error("handler for {} failed on a message; continuing", topic, ex);
            ack.ack();
        }
    }
}
