import { describe, expect, it } from 'vitest';
import { fromStepMessage } from './from-step-error.js';

describe('fromStepMessage: a failing FROM says why its base image could not be pulled', () => {
  it('an unreachable registry, in plain words', () => {
    const engine = 'Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused';
    expect(fromStepMessage(engine, 'FROM 127.0.0.1:5999/nothing:1')).toBe('Cannot reach registry 127.0.0.1:5999: connection refused');
    expect(fromStepMessage(engine, 'FROM --platform=linux/amd64 127.0.0.1:5999/nothing:1 AS base')).toBe('Cannot reach registry 127.0.0.1:5999: connection refused');
  });

  it('Docker Hub out of reach, and a base image the registry does not have', () => {
    const dns = 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: no such host';
    expect(fromStepMessage(dns, 'FROM alpine:3.20')).toBe('Cannot reach registry docker.io: the host name could not be resolved');
    const missing = 'manifest for 127.0.0.1:5000/team/app:9 not found: manifest unknown: manifest unknown';
    expect(fromStepMessage(missing, 'FROM 127.0.0.1:5000/team/app:9')).toBe('Image team/app:9 was not found in registry 127.0.0.1:5000 (manifest unknown)');
  });

  it('keeps the engine words for other steps and for a FROM of a build arg', () => {
    const run = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
    expect(fromStepMessage(run, 'RUN exit 3')).toBe(run);
    expect(fromStepMessage('connection refused', 'FROM $BASE')).toBe('connection refused');
    expect(fromStepMessage('anything', undefined)).toBe('anything');
  });
});
