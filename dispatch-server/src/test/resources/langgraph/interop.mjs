// Drives the LangGraph door with the official LangGraph JS SDK; LangGraphSdkInteropTest runs it.
// Prints one JSON object of what each step saw; the Java test asserts on it.
import { Client } from "@langchain/langgraph-sdk";

const client = new Client({
  apiUrl: process.env.LG_URL,
  defaultHeaders: { Authorization: `Bearer ${process.env.LG_KEY}` },
});
const out = {};
const status = async (p) => {
  try {
    await p;
    return 0;
  } catch (e) {
    return e.status ?? String(e.message ?? e);
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (thread, run, want) => {
  for (let i = 0; i < 400; i++) {
    const r = await client.runs.get(thread, run);
    if (r.status === want) return r;
    await sleep(50);
  }
  throw new Error(`run ${run} never became ${want}`);
};

const assistants = await client.assistants.search({ limit: 100 });
out.graphs = assistants.map((a) => a.graph_id);
const chat = assistants.find((a) => a.graph_id === "chat.turn");
out.assistant = (await client.assistants.get(chat.assistant_id)).graph_id;
out.schema = Object.keys((await client.assistants.getSchemas(chat.assistant_id)).input_schema.properties);

const thread = await client.threads.create({ metadata: { owner: "sdk" } });
// A thread made without an assistant is stored: search finds it before its first run.
out.foundBeforeRun = (await client.threads.search({ metadata: { owner: "sdk" } })).map((t) => t.thread_id)
  .includes(thread.thread_id);
out.first = await client.runs.wait(thread.thread_id, chat.assistant_id, { input: { text: "hi" } });
out.second = await client.runs.wait(thread.thread_id, "chat.turn", { input: { text: "again" } });
out.threadStatus = (await client.threads.get(thread.thread_id)).status;
out.runs = (await client.runs.list(thread.thread_id)).length;
out.threadMetadata = (await client.threads.get(thread.thread_id)).metadata;

out.failing = await status(client.runs.wait(null, "tester.failing", { input: { text: "x" } }));
out.invalid = await status(client.runs.wait(null, "chat.turn", { input: { text: 5 } }));

out.stream = [];
for await (const chunk of client.runs.stream(null, "chat.turn", {
  input: { text: "tokens:2" },
  streamMode: ["values", "custom"],
})) {
  out.stream.push([chunk.event, chunk.data]);
}

const t2 = await client.threads.create({ graphId: "chat.turn" });
out.paused = await client.runs.wait(t2.thread_id, "chat.turn", { input: { text: "approve:prod" } });
out.interruptedStatus = (await client.threads.get(t2.thread_id)).status;
out.resumed = await client.runs.wait(t2.thread_id, "chat.turn", { command: { resume: "yes" } });

const slow = await client.runs.create(t2.thread_id, "chat.turn", { input: { text: "sleep:30000" } });
await until(t2.thread_id, slow.run_id, "running");
out.rejected = await status(
  client.runs.create(t2.thread_id, "chat.turn", { input: { text: "no" }, multitaskStrategy: "reject" }),
);
await client.runs.cancel(t2.thread_id, slow.run_id);
out.cancelled = (await until(t2.thread_id, slow.run_id, "interrupted")).status;

const busy = await client.runs.create(t2.thread_id, "chat.turn", { input: { text: "sleep:1000" } });
await until(t2.thread_id, busy.run_id, "running");
const queued = await client.runs.create(t2.thread_id, "chat.turn", {
  input: { text: "later" },
  multitaskStrategy: "enqueue",
});
out.enqueued = await client.runs.join(t2.thread_id, queued.run_id);
for (const strategy of ["interrupt", "rollback"]) {
  const s = await client.runs.create(t2.thread_id, "chat.turn", { input: { text: "sleep:30000" } });
  await until(t2.thread_id, s.run_id, "running");
  out[strategy] = await client.runs.wait(t2.thread_id, "chat.turn", {
    input: { text: strategy },
    multitaskStrategy: strategy,
  });
  out[strategy + "Before"] = (await client.runs.get(t2.thread_id, s.run_id)).status;
}
// The default multitask strategy is the platform's: enqueue.
const b2 = await client.runs.create(t2.thread_id, "chat.turn", { input: { text: "sleep:1000" } });
await until(t2.thread_id, b2.run_id, "running");
const q2 = await client.runs.create(t2.thread_id, "chat.turn", { input: { text: "queued" } });
out.defaultStrategy = q2.multitask_strategy;
out.defaultQueued = await client.runs.join(t2.thread_id, q2.run_id);

// messages-tuple: the run's output chunks as AI message chunks.
out.messages = [];
for await (const chunk of client.runs.stream(null, "chat.turn", {
  input: { text: "tokens:2" },
  streamMode: "messages-tuple",
})) {
  if (chunk.event === "messages") out.messages.push([chunk.data[0].type, chunk.data[0].content]);
}

// Thread state: updates are session state revisions, history lists them.
const t3 = await client.threads.create({ graphId: "chat.turn" });
const start = await client.threads.getState(t3.thread_id);
const written = await client.threads.updateState(t3.thread_id, {
  values: { note: "kept" },
  checkpointId: start.checkpoint.checkpoint_id,
});
out.stateRead = await client.runs.wait(t3.thread_id, "chat.turn", { input: { text: "state" } });
out.staleUpdate = await status(
  client.threads.updateState(t3.thread_id, {
    values: { note: "lost" },
    checkpointId: start.checkpoint.checkpoint_id,
  }),
);
const history = await client.threads.getHistory(t3.thread_id, { limit: 5 });
out.historyTop = history[0].values;
out.stateAt = (await client.threads.getState(t3.thread_id, written.checkpoint.checkpoint_id)).values;
out.assistantCreate = await status(client.assistants.create({ graphId: "chat.turn" }));

// The default namespace at the root paths, where LangGraph tools look by default.
const root = new Client({
  apiUrl: process.env.LG_ROOT,
  defaultHeaders: { Authorization: `Bearer ${process.env.LG_KEY}` },
});
out.rootGraphs = (await root.assistants.search({ limit: 100 })).map((a) => a.graph_id);
const rt = await root.threads.create({ graphId: "chat.turn" });
out.rootRun = await root.runs.wait(rt.thread_id, "chat.turn", { input: { text: "root" } });
out.rootThreadBelowMount = (await client.threads.get(rt.thread_id)).thread_id === rt.thread_id;
console.log(JSON.stringify(out));
