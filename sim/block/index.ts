export { BlockDevice, EXTENT, isZero } from "./block-device.ts";
export { generateContent, type ContentKind } from "./content.ts";
