// A device nobody here wrote (MQTT.js) that sends a stream of hostile payloads with valid
// measurements interleaved: random bytes, truncated and mutated JSON, 2 MB payloads, deep nesting,
// NaN and Infinity, duplicate keys, batches mixing a redelivered valid measurement with bad ones.
// Every garbage payload is built to be invalid whatever the mutation (its "a" has one number too
// few), so the runtime must accept exactly the valid ones; and each is built to count once (a
// batch four times), so the runtime's received counter can be checked exactly.
//
// usage: node fuzz-device.js URL TOPIC VALID_FILE TOTAL SEED
// VALID_FILE: one valid measurement (JSON) a line, sent in order, evenly interleaved.
// Prints one JSON line: {"sent", "valid", "batches", "expectedReceived", "byKind"}.
'use strict';
const fs = require('fs');
const mqtt = require('mqtt');

const [url, topic, validFile, totalArg, seedArg] = process.argv.slice(2);
const total = Number(totalArg);
const valid = fs.readFileSync(validFile, 'utf8').split('\n').filter((l) => l.length > 0);

// mulberry32: a small seeded PRNG, so a failing run can be repeated.
let state = Number(seedArg) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);

let junkSeq = 0;
function junk(extra) {
  const a = [];
  for (let i = 0; i < 7; i++) a.push((random() * 2 - 1).toFixed(6));
  return '{"device":"junk","seq":' + (junkSeq++) + ',"a":[' + a.join(',') + '],"y":' + (extra || '1.5') + '}';
}

// Never a closing bracket: one could end the object early and leave the rest as trailing content,
// which the runtime reports as a second rejection of the same message (its element, then the tail).
const INSERTED = '[:"#x';
const kinds = {
  // Not starting like JSON ('[', '{' or white space), so the whole message is one rejection.
  bytes: () => Buffer.from(Array.from({ length: 1 + int(300) }, (_, i) => (i === 0 ? 128 + int(128) : int(256)))),
  truncated: () => { const s = junk(); return s.slice(0, 1 + int(s.length - 2)); },
  mutated: () => { const s = junk(); const p = 1 + int(s.length - 1); return s.slice(0, p) + INSERTED[int(INSERTED.length)] + s.slice(p); },
  huge: () => '{"device":"junk","seq":0,"a":[' + '1.0,'.repeat(500000) + '1.0],"y":1}',
  deep: () => { const n = 10 + int(20000); return '['.repeat(n) + ']'.repeat(n); },
  notFinite: () => junk(['NaN', 'Infinity', '-Infinity', '1e999', '-1e999'][int(5)]),
  duplicateKeys: () => '{"device":"junk","seq":' + (junkSeq++) + ',"seq":' + (junkSeq++) + ',"a":[1,2,3,4,5,6,7,8],"y":1}',
};
const names = Object.keys(kinds);

const client = mqtt.connect(url, { clientId: 'fuzz-' + process.pid, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
client.on('error', (e) => { console.error('mqtt: ' + e.message); process.exit(1); });

const every = Math.floor(total / valid.length);
const byKind = {};
let sent = 0;
let acked = 0;
let nextValid = 0;
let batches = 0;
let expectedReceived = 0;
const WINDOW = 500;

function payload(i) {
  if (i % every === every - 1 && nextValid < valid.length) {
    expectedReceived += 1;
    return valid[nextValid++];
  }
  if (i % 7 === 3 && nextValid > 0) {
    // A batch: a redelivery of a valid one already sent (a duplicate), a wrong length, an infinite y, a number.
    batches++;
    expectedReceived += 4;
    return '[' + valid[int(nextValid)] + ',' + junk() + ',' + junk('1e999') + ',42]';
  }
  // The 2 MB payloads are rare (network and time), the rest uniform.
  const kind = i % 2000 === 1000 ? 'huge' : names.filter((n) => n !== 'huge')[int(names.length - 1)];
  byKind[kind] = (byKind[kind] || 0) + 1;
  expectedReceived += 1;
  return kinds[kind]();
}

function pump() {
  while (sent < total && sent - acked < WINDOW) {
    const p = payload(sent++);
    client.publish(topic, p, { qos: 1 }, (err) => {
      if (err) { console.error('publish: ' + err.message); process.exit(1); }
      acked++;
      if (acked === total) {
        console.log(JSON.stringify({ sent, valid: nextValid, batches, expectedReceived, byKind }));
        client.end(false, () => process.exit(0));
      } else {
        pump();
      }
    });
  }
}
client.on('connect', pump);
