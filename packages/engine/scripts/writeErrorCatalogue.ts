// Regenerates ERRORS.md from the error catalogue in the code.
import { writeFileSync } from 'node:fs';
import { renderErrorCatalogue } from '../src/errorCatalogue.js';

writeFileSync(new URL('../ERRORS.md', import.meta.url), `${renderErrorCatalogue()}\n`);
