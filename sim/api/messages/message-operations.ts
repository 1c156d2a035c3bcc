import { notFound } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import type { MessageOperations } from "../operations.ts";
import { visible } from "../policy.ts";

/**
 * `api/v3/messages.py` over `message/api.py`: `message:get_all`, `message:get` and
 * `message:delete` are `rule:admin_or_owner`; the DB query is `project_only`, so another
 * project's message is "not found" (404) rather than forbidden.
 */
export function messageOperations(d: ApiDeps, run: <T>(label: string, fn: () => Promise<T>) => Promise<T>): MessageOperations {
  const messages = d.state.messages;
  const get = (ctx: Parameters<MessageOperations["get"]>[0], id: string) => {
    const m = messages.get(id);
    if (!m || !visible(ctx, m)) throw notFound("MessageNotFound", `Message ${id} could not be found.`);
    return m;
  };
  return {
    list: (ctx) => run("message.list", async () => messages.all().filter((m) => visible(ctx, m))),
    get: (ctx, id) => run("message.get", async () => get(ctx, id)),
    delete: (ctx, id) =>
      run("message.delete", async () => {
        const m = get(ctx, id);
        messages.remove(m.id);
        d.api.trace({ kind: "state", event: { type: "note", text: `message ${m.id} deleted`, subjects: [m.id] } });
      }),
  };
}
