/** The Dockerfile reader: the stage compose builds, the image it starts FROM, its USER and HEALTHCHECK. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtStage, dockerfileHealthcheck } from '../../src/compose/dockerfile.ts';

test('the base image of the built stage, following stage names back to an image', () => {
  assert.equal(builtStage('FROM node:20 AS build\nRUN npm ci\nFROM --platform=linux/amd64 nginx:1.27-alpine\nCOPY --from=build /app /usr/share/nginx/html\n')?.from, 'nginx:1.27-alpine');
  assert.equal(builtStage('FROM python:3.12 AS base\nFROM base\n')?.from, 'python:3.12');
  assert.equal(builtStage('from node:22 as Build\nfrom build\n')?.from, 'node:22', 'keywords and stage names ignore case');
  assert.equal(builtStage('ARG V\nFROM node:${V}\n')?.from, undefined);
  assert.equal(builtStage('FROM scratch\n')?.from, undefined);
  assert.equal(builtStage('# no stages\n'), undefined);
});

test('USER and HEALTHCHECK of the built stage, with their lines; a later one wins', () => {
  const stage = builtStage(['FROM node:22-alpine', 'USER root', 'RUN apk add curl', 'USER node:node', 'HEALTHCHECK --interval=30s \\', '  CMD curl -f http://localhost:3000/ || exit 1', 'CMD ["node", "server.js"]'].join('\n'));
  assert.deepEqual(stage, {
    from: 'node:22-alpine',
    fromLine: 1,
    user: { value: 'node:node', line: 4 },
    healthcheck: { disabled: false, line: 5, interval: '30s', test: ['CMD-SHELL', 'curl -f http://localhost:3000/ || exit 1'] },
  });
  assert.deepEqual(builtStage('FROM redis:7\nHEALTHCHECK NONE\n')?.healthcheck, { disabled: true, line: 2 });
});

test('a stage inherits USER and HEALTHCHECK from the stage it builds FROM, not from other stages', () => {
  const dockerfile = [
    'FROM node:22 AS base',
    'USER node',
    'HEALTHCHECK CMD wget -qO- http://localhost:3000/health',
    'FROM base AS dev',
    'FROM node:22 AS other',
    'USER root',
    'FROM base AS production',
    'HEALTHCHECK NONE',
  ].join('\n');
  assert.deepEqual(builtStage(dockerfile, 'dev'), {
    from: 'node:22',
    fromLine: 1,
    user: { value: 'node', line: 2 },
    healthcheck: { disabled: false, line: 3, test: ['CMD-SHELL', 'wget -qO- http://localhost:3000/health'] },
  });
  assert.deepEqual(builtStage(dockerfile), { from: 'node:22', fromLine: 1, user: { value: 'node', line: 2 }, healthcheck: { disabled: true, line: 8 } });
  assert.deepEqual(builtStage(dockerfile, 'other'), { from: 'node:22', fromLine: 5, user: { value: 'root', line: 6 } });
  assert.equal(builtStage(dockerfile, 'missing'), undefined, 'a target the Dockerfile does not have');
});

test('comment lines, also inside a continued instruction, and blank lines are skipped', () => {
  const stage = builtStage(['# syntax=docker/dockerfile:1', '', 'FROM alpine:3.20', 'RUN apk add \\', '# a comment inside', '    curl', '  # USER root', 'USER 1000'].join('\n'));
  assert.deepEqual(stage, { from: 'alpine:3.20', fromLine: 3, user: { value: '1000', line: 8 } });
});

test('HEALTHCHECK options and both forms of CMD, in the shape compose gives a health check', () => {
  const stage = builtStage('FROM redis:7\nHEALTHCHECK --interval=10s --timeout 3s --start-period=1m30s --retries=5 CMD ["redis-cli", "ping"]\n');
  assert.deepEqual(stage?.healthcheck, { disabled: false, line: 2, interval: '10s', timeout: '3s', startPeriod: '1m30s', retries: 5, test: ['CMD', 'redis-cli', 'ping'] });
  const loc = { file: 'stack/redis/Dockerfile', line: 2, column: 1 };
  assert.deepEqual(dockerfileHealthcheck({ file: 'stack/redis/Dockerfile', stage: stage! }), {
    disabled: false,
    loc,
    test: { value: ['CMD', 'redis-cli', 'ping'], loc },
    interval: { text: '10s', milliseconds: 10_000, loc },
    timeout: { text: '3s', milliseconds: 3_000, loc },
    startPeriod: { text: '1m30s', milliseconds: 90_000, loc },
    retries: { value: 5, loc },
  });
  // Not JSON after all: Docker runs it with the shell, as written; a duration Docker refuses is left out.
  const shell = builtStage('FROM alpine\nHEALTHCHECK --interval=soon CMD [ -f /tmp/ready ]\n')?.healthcheck;
  assert.deepEqual(shell, { disabled: false, line: 2, interval: 'soon', test: ['CMD-SHELL', '[ -f /tmp/ready ]'] });
  assert.equal(dockerfileHealthcheck({ file: 'f', stage: { healthcheck: shell! } })?.interval, undefined);
});
