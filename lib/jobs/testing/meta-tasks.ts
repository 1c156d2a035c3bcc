import { serveTasks } from "../serve-tasks.ts";

/** Test task module whose graph uses `import.meta` (a path relative to its file): never bundled. */
const here = new URL(".", import.meta.url).href;
serveTasks<{ n: number }, { here: string }>(async () => ({ here }));
