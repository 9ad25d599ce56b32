package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.http.HttpEndpoint;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.runtime.MemoryBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the gateway from a config file until SIGTERM / Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the gateway: MQTT in, journal, online solver, estimates out; or, with source.kafka in the"
                + " config, a solver member of the cluster. Stops cleanly on SIGTERM.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Gateway config (YAML), e.g. device-configs/quickstart.yaml.")
    Path config;

    @Option(names = "--broker", paramLabel = "URL", description = "External broker URL (tcp://host:port); overrides the file.")
    String broker;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory; overrides the file.")
    Path dataDir;

    @Mixin
    HttpOptions http = new HttpOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig c;
        try {
            c = GatewayConfig.load(config).withBrokerUrl(broker).withDataDir(dataDir);
            c = c.withHttp(http.apply(c.http()));
            MemoryBudget.check(c, Runtime.getRuntime().maxMemory());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return Main.BAD_USAGE;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return Main.BAD_USAGE;
        }
        if (c.source() != null) {
            return MemberRun.run(c, spec.commandLine().getOut(), err);
        }
        Main.chooseKernelMeanwhile();
        Gateway gateway;
        HttpEndpoint endpoint;
        try {
            gateway = Gateway.start(c);
        } catch (Exception | OutOfMemoryError e) {
            return Shutdown.cannotStart(err, e);
        }
        try {
            endpoint = HttpEndpoint.startIfEnabled(gateway);
        } catch (IOException | RuntimeException e) {
            gateway.close();
            return Shutdown.cannotStart(err, e);
        }
        CountDownLatch stopped = Shutdown.onSignal(endpoint, gateway);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("sensor-recovery running: broker %s, %d arrays, topics %s/<array>/m -> %s/<array>/estimate%n",
                gateway.brokerUrl(), c.arrays().size(), c.topicPrefix(), c.topicPrefix());
        if (endpoint != null) {
            out.printf("dashboard %s  (metrics %smetrics, health %shealthz)%n", endpoint.url(), endpoint.url(), endpoint.url());
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
