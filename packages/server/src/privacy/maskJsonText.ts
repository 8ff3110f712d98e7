import { maskPiiCounted } from '../logging/maskPii.js';
import type { PiiCount } from '../logging/maskPii.js';

/** A JSON string literal, or a JSON number (numbers inside strings are consumed by the first branch). */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Masks personal numbers in a serialized JSON document (what a route sends), token by token, so
 * the document stays valid JSON and nothing but personal numbers changes: keys and string
 * values are masked like log text; a bare number shaped like a mobile or ID number (a form that
 * typed a phone as integer) becomes the masked string. Escaped strings are decoded first, so
 * `\n13800000000` is seen as the number it is.
 */
export function maskJsonText(json: string): { text: string; count: PiiCount } {
  const count: PiiCount = { idNumbers: 0, phoneNumbers: 0 };
  if (!/\d{3}/.test(json)) return { text: json, count };
  const add = (c: PiiCount) => { count.idNumbers += c.idNumbers; count.phoneNumbers += c.phoneNumbers; };
  const text = json.replace(TOKEN, (token) => {
    if (!/\d{3}/.test(token)) return token;
    if (token.startsWith('"')) {
      // Without escapes the literal is its own value, quotes included (they bound a number like any punctuation).
      if (!token.includes('\\')) {
        const masked = maskPiiCounted(token);
        add(masked.count);
        return masked.text;
      }
      let value: string;
      try {
        value = JSON.parse(token) as string;
      } catch {
        // Not JSON after all (a route mislabelled its body): mask the text as it stands.
        const masked = maskPiiCounted(token);
        add(masked.count);
        return masked.text;
      }
      const masked = maskPiiCounted(value);
      if (masked.count.idNumbers + masked.count.phoneNumbers === 0) return token;
      add(masked.count);
      return JSON.stringify(masked.text);
    }
    const masked = maskPiiCounted(token);
    if (masked.count.idNumbers + masked.count.phoneNumbers === 0) return token;
    add(masked.count);
    return JSON.stringify(masked.text);
  });
  return { text, count };
}
