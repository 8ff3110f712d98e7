import { api } from '../api/client.js';
import type { DefinitionListing, PublishedDefinition } from '../api/types.js';

// Published versions never change (the server refuses to alter one), so a page keeps each
// document it fetched; the listing is fetched once per page load.
let listing: Promise<DefinitionListing[]> | undefined;
const documents = new Map<string, Promise<PublishedDefinition>>();

/** Every published process (GET /api/definitions), fetched once. */
export function loadDefinitions(): Promise<DefinitionListing[]> {
  listing ??= api.definitions().then((r) => r.definitions, (error: unknown) => {
    listing = undefined; // a failure is not remembered: the next page asks again
    throw error;
  });
  return listing;
}

/** One published version with its document, fetched once. */
export function loadDefinition(id: string, version: number): Promise<PublishedDefinition> {
  const key = `${id}@${version}`;
  let found = documents.get(key);
  if (!found) {
    found = api.definition(id, version).catch((error: unknown) => {
      documents.delete(key);
      throw error;
    });
    documents.set(key, found);
  }
  return found;
}

/** Forgets the listing (after publishing a new version), so that the next page fetches it again. */
export function forgetDefinitionListing(): void {
  listing = undefined;
}
