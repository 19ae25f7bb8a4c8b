import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createServices } from './create-services';
import { gracefulShutdown } from './graceful-shutdown';
import { metricsApp } from './metrics/metrics-app';
import { startupBanner } from './startup-banner';
import { loadSdkScript } from './demo/sdk-script';

// The node entry: config → store → app → listen, and a graceful stop that lets in-flight commits finish.
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`eventline: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { services, keys } = await createServices(config);
  const app = createApp(services);
  const sdk = await loadSdkScript();
  services.deliveries.start();
  services.timers.start();
  services.retention?.start();
  await services.caches.start(config.cachePollMs);
  // Node's own limits are 60 s for headers and 5 min for a request, checked every 30 s: a client sending
  // a byte a second held its socket that long. The check runs often enough for the limit to hold.
  const timeout = config.requestTimeoutMs;
  const serverOptions = { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: Math.min(1_000, timeout) };
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info) => {
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    const url = `http://${host}:${info.port}`;
    process.stdout.write(startupBanner(config, keys, url, sdk));
  });

  // Beside the API, for a scraper that holds no key: bind it where only the monitoring network reaches.
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : serve({ fetch: metricsApp(services.metrics).fetch, port: config.metricsPort, hostname: config.host });

  const stop = gracefulShutdown({
    server: server as Server,
    endStreams: () => {
      services.debug?.close();
      metricsServer?.close();
    },
    stopWorkers: () => Promise.all([services.deliveries.stop(), services.timers.stop(), services.caches.stop(), services.retention?.stop()]),
    closeStore: () => services.store.close(),
    log: services.log,
    shutdownMs: config.shutdownMs,
    exit: (code) => process.exit(code),
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  await main();
} catch (error) {
  // An operator needs the reason in one line (an unwritable or corrupt database file),
  // not a stack trace.
  process.stderr.write(`eventline: could not start: ${(error as Error).message}${(error as Error).cause ? ` (${String((error as Error).cause)})` : ''}\n`);
  process.exit(1);
}
