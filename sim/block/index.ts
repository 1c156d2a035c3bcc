export { BlockDevice, EXTENT, isZero } from "./block-device.ts";
export { generateContent, type ContentKind } from "./content.ts";
export { sparseLayout, SPARSE_FILL_FROM, type Extent } from "./sparse-layout.ts";
