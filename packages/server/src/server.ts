// Starts the server: builds the app and listens. Everything else lives in buildApp().
import { buildApp } from './app.js';

const port = Number(process.env['PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';
const app = await buildApp({ logger: true });
await app.listen({ port, host });
