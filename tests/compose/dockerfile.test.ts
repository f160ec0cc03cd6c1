/** The Dockerfile reader: the stage compose builds, the image it starts FROM, its USER and HEALTHCHECK. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtStage } from '../../src/compose/dockerfile.ts';

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
  assert.deepEqual(stage, { from: 'node:22-alpine', user: { value: 'node:node', line: 4 }, healthcheck: { disabled: false, line: 5 } });
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
  assert.deepEqual(builtStage(dockerfile, 'dev'), { from: 'node:22', user: { value: 'node', line: 2 }, healthcheck: { disabled: false, line: 3 } });
  assert.deepEqual(builtStage(dockerfile), { from: 'node:22', user: { value: 'node', line: 2 }, healthcheck: { disabled: true, line: 8 } });
  assert.deepEqual(builtStage(dockerfile, 'other'), { from: 'node:22', user: { value: 'root', line: 6 } });
  assert.equal(builtStage(dockerfile, 'missing'), undefined, 'a target the Dockerfile does not have');
});

test('comment lines, also inside a continued instruction, and blank lines are skipped', () => {
  const stage = builtStage(['# syntax=docker/dockerfile:1', '', 'FROM alpine:3.20', 'RUN apk add \\', '# a comment inside', '    curl', '  # USER root', 'USER 1000'].join('\n'));
  assert.deepEqual(stage, { from: 'alpine:3.20', user: { value: '1000', line: 8 } });
});
