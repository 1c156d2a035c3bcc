import { serveTasks } from "../serve-tasks.ts";

/** Test task module: squares `n` after `n` ms less than init.base (later tasks finish first); n < 0 throws. */
serveTasks<{ n: number }, { n: number; sq: number }, { base: number }>(async (t, init) => {
  if (t.n < 0) throw Object.assign(new Error(`negative ${t.n}`), { code: "bad-task" });
  await new Promise((r) => setTimeout(r, Math.max(0, init.base - t.n * 5)));
  return { n: t.n, sq: t.n * t.n };
});
