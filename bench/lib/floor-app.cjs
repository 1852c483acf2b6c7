// A minimal Nest application for `npm run bench:http-floor`: one GET answering a small object and
// one POST echoing its JSON body, on the HTTP adapter named by argv[2] ('express' or 'fastify'),
// listening on 127.0.0.1:argv[3]; or, for 'node', the same two routes on bare node:http. It tells
// the parent when it listens. Plain CommonJS with the decorators applied by hand: no build step.
'use strict';
require('reflect-metadata');
const http = require('node:http');

const answer = (body) => ({ received: body, at: new Date().toISOString() });

async function nest(kind, port) {
  const { NestFactory } = require('@nestjs/core');
  const { Body, Controller, Get, HttpCode, Module, Post } = require('@nestjs/common');
  class FloorController {
    health() {
      return { status: 'ok' };
    }
    echo(body) {
      return answer(body);
    }
  }
  const decorate = (key, decorators) => {
    const descriptor = Object.getOwnPropertyDescriptor(FloorController.prototype, key);
    for (const decorator of decorators) decorator(FloorController.prototype, key, descriptor);
  };
  decorate('health', [Get('health')]);
  decorate('echo', [Post('echo'), HttpCode(201)]);
  Body()(FloorController.prototype, 'echo', 0);
  Reflect.defineMetadata('design:paramtypes', [Object], FloorController.prototype, 'echo');
  Controller('api')(FloorController);
  class FloorModule {}
  Module({ controllers: [FloorController] })(FloorModule);
  const adapter =
    kind === 'fastify' ? new (require('@nestjs/platform-fastify').FastifyAdapter)() : undefined;
  const app = adapter
    ? await NestFactory.create(FloorModule, adapter, { logger: false })
    : await NestFactory.create(FloorModule, { logger: false });
  await app.listen(port, '127.0.0.1');
}

function bare(port) {
  const server = http.createServer((request, response) => {
    const send = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET') return send(200, { status: 'ok' });
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => send(201, answer(JSON.parse(text))));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

const [kind, port] = [process.argv[2], Number(process.argv[3])];
(kind === 'node' ? bare(port) : nest(kind, port)).then(() => process.send('listening'));
