// Drives FinSight's ingestion hub the way a Python or JavaScript trainer would, with the npm
// SignalR client. Usage: node hub-client.mjs <server-url> <json|messagepack> <api-key>
// Prints one JSON line: { runId, sent: [...] } for the .NET test to compare field by field.
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [url, protocolName, apiKey] = process.argv.slice(2);
const messagePack = protocolName === "messagepack";

const builder = new signalR.HubConnectionBuilder()
  .withUrl(new URL("hubs/ingest", url).toString(), { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, accessTokenFactory: () => apiKey })
  .configureLogging(signalR.LogLevel.Warning);
if (messagePack) builder.withHubProtocol(new MessagePackHubProtocol());
const hub = builder.build();

// JSON cannot carry NaN or Infinity as numbers: MLflow's strings stand in for them there.
const encode = (v) => messagePack || Number.isFinite(v) ? v : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";

await hub.start();
const experiment = await hub.invoke("GetOrCreateExperiment", `node-${protocolName}`);
const run = await hub.invoke("StartRun", {
  experimentId: experiment.experimentId,
  runName: `node ${protocolName}`,
  params: [{ key: "optimizer", value: "adam" }],
  tags: [{ key: "client", value: "node" }],
});

const values = [0.75, -1.5e-8, 123456.789, NaN, Infinity, -Infinity, 0];
const sent = values.map((value, i) => ({ key: i % 2 ? "val/loss" : "train/loss", value, step: 10 * i, timestamp: 1732600000000 + i }));
const ack = await hub.invoke("LogMetrics", {
  runId: run.runId,
  batchId: `node-${protocolName}-1`,
  points: sent.map((p) => ({ ...p, value: encode(p.value) })),
});
if (ack.accepted !== sent.length || ack.duplicate !== false) throw new Error(`unexpected ack ${JSON.stringify(ack)}`);
const again = await hub.invoke("LogMetrics", { runId: run.runId, batchId: `node-${protocolName}-1`, points: [] });
await hub.invoke("EndRun", { runId: run.runId, status: "FINISHED" });
await hub.stop();

console.log(JSON.stringify({
  runId: run.runId,
  duplicateAck: again.duplicate,
  sent: sent.map((p) => ({ ...p, value: Number.isFinite(p.value) ? p.value : String(p.value) })),
}));
