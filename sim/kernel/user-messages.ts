/**
 * User messages (`message/message_field.py`): what cinder tells a user about an asynchronous
 * failure. Codes of spec §9: 017 invalid state, 018 service down, 020 driver create error, 027 volume invalid state,
 * 021/022 attach/detach, 023 cleanup, 024 schedule error, 025 delete driver error, 026 restore error.
 */
export const DETAIL = {
  BACKUP_INVALID_STATE: "017",
  BACKUP_SERVICE_DOWN: "018",
  BACKUP_CREATE_DRIVER_ERROR: "020",
  ATTACH_ERROR: "021",
  DETACH_ERROR: "022",
  BACKUP_CREATE_CLEANUP_ERROR: "023",
  BACKUP_SCHEDULE_ERROR: "024",
  BACKUP_DELETE_DRIVER_ERROR: "025",
  BACKUP_RESTORE_ERROR: "026",
  VOLUME_INVALID_STATE: "027",
} as const;

export interface UserMessage {
  id: string;
  project_id: string;
  resource_type: "VOLUME_BACKUP" | "VOLUME";
  resource_uuid: string;
  action: string;
  detail_id: string;
  created_at: number;
}

export class UserMessages {
  readonly #items: UserMessage[] = [];

  add(m: UserMessage): void {
    this.#items.push(m);
  }

  get(id: string): UserMessage | undefined {
    return this.#items.find((m) => m.id === id);
  }

  /** `message_api.delete`: false if there was no such message. */
  remove(id: string): boolean {
    const i = this.#items.findIndex((m) => m.id === id);
    if (i < 0) return false;
    this.#items.splice(i, 1);
    return true;
  }

  forResource(uuid: string): UserMessage[] {
    return this.#items.filter((m) => m.resource_uuid === uuid);
  }

  all(): readonly UserMessage[] {
    return this.#items;
  }
}
