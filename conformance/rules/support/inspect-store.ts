export { inspectStore, type StoreInspection, type InspectedBackup } from "../../driver/store-inspector.ts";
