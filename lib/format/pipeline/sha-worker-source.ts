/**
 * Source of the sha256 worker thread (CommonJS, run with `eval: true` so it needs no TypeScript
 * loader). A job names a SharedArrayBuffer slot (`base` bytes into `sab`) and the [offset, length] pairs of the blocks to hash
 * in it; the reply lists their hex digests in the same order. `chunkeddriver.py:_calculate_sha`
 * hashes each `backup_sha_block_size_bytes` block on its own, exactly what this does.
 */
export const SHA_WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
parentPort.on("message", (job) => {
  const view = new Uint8Array(job.sab, job.base ?? 0, job.length);
  const digests = [];
  for (let i = 0; i < job.blocks.length; i += 2) {
    const off = job.blocks[i], len = job.blocks[i + 1];
    digests.push(createHash("sha256").update(view.subarray(off, off + len)).digest("hex"));
  }
  parentPort.postMessage({ id: job.id, digests });
});
`;
