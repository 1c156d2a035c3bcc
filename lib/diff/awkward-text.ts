import { Faker, ar, base, de, el, en, ja, ru, vi } from "@faker-js/faker";

/**
 * Names, descriptions and metadata drawn with @faker-js/faker, seeded from the sequence seed (so
 * a run is replayable): non-ASCII (Japanese, Cyrillic, Greek, Arabic, Vietnamese, German),
 * long, with quotes and punctuation, yet valid for cinder's schemas
 * (`api/validation/parameter_types.py`): names and descriptions ≤ 255 characters, descriptions
 * printable (`valid_description_regex`), metadata keys in `[a-zA-Z0-9-_:. /]{1,255}`. No
 * characters outside the Basic Multilingual Plane: cinder's MySQL columns are utf8 (3 bytes).
 */
const LOCALES = [ja, ru, el, ar, vi, de] as const;

export class AwkwardText {
  readonly faker: Faker;

  constructor(seed: number) {
    const local = LOCALES[Math.abs(seed) % LOCALES.length] ?? de;
    this.faker = new Faker({ locale: [local, en, base] });
    this.faker.seed(seed);
  }

  /** A free-text part of a name (≤ `max` UTF-16 units, BMP only, no leading/trailing space). */
  name(max = 120): string {
    const f = this.faker;
    const parts = [f.person.fullName(), f.location.city(), f.commerce.productName(), f.word.words({ count: { min: 1, max: 3 } })];
    const quote = f.helpers.arrayElement(["", "'", '"', "«»", "—", " & ", "/", "\\"]);
    const text = `${f.helpers.arrayElement(parts)}${quote}${f.helpers.arrayElement(parts)}`;
    const long = f.datatype.boolean({ probability: 0.2 }) ? text.repeat(8) : text;
    return bmp(long).slice(0, max).trim() || "x";
  }

  description(): string | undefined {
    const f = this.faker;
    if (f.datatype.boolean({ probability: 0.3 })) return undefined;
    return bmp(f.lorem.paragraph({ min: 1, max: 6 }) + " " + f.location.streetAddress())
      .slice(0, 255)
      .trim();
  }

  /** Up to 4 metadata pairs: ASCII keys cinder allows, awkward values ≤ 255. */
  metadata(): Record<string, string> {
    const f = this.faker;
    const out: Record<string, string> = {};
    for (let i = f.number.int({ min: 0, max: 4 }); i > 0; i--) {
      const key = f.helpers.arrayElement([
        "k",
        "owner",
        "cost-centre",
        "app:tier",
        "a.b c/d",
        "x".repeat(f.number.int({ min: 1, max: 60 })),
      ]);
      out[`${key}${i}`] = this.name(255);
    }
    return out;
  }
}

/** Drops characters outside the BMP (surrogates) and control characters. */
function bmp(s: string): string {
  return s.replace(/[\uD800-\uDFFF{}]/g, "").replace(/\p{Cc}/gu, " ");
}
