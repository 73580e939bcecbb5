// The baseline: a bare Fastify app with two JSON routes shaped like next and submit, no database.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
let id = 0;
app.get('/api/health', async () => ({ status: 'ok' }));
app.post('/next', async () => ({ task: { id: ++id, data: { image: 'x.jpg' } } }));
app.post('/submit', async (req, reply) => reply.status(201).send({ id: ++id, version: 1, echo: req.body ? 1 : 0 }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
