// JSON bodies as kube-apiserver writes them: API objects end with Go's encoder newline, other
// documents are written as given, each with its exact Content-Type.
import { ServerResponse } from 'node:http';
import { apiBody, apiJson, writeJson } from './json-response';

const fakeResponse = () => {
  const written: { code?: number; headers?: Record<string, string>; body?: string } = {};
  const res = {
    writeHead: (code: number, headers: Record<string, string>) => Object.assign(written, { code, headers }),
    end: (body: string) => Object.assign(written, { body }),
  } as unknown as ServerResponse;
  return { res, written };
};

describe('JSON responses', () => {
  it('ends an API object with one newline, as json.Encoder does', () => {
    expect(apiJson({ kind: 'Pod', apiVersion: 'v1', metadata: {} })).toBe(
      '{"kind":"Pod","apiVersion":"v1","metadata":{}}\n',
    );
    expect(apiBody('{"a":1}')).toBe('{"a":1}\n');
  });

  it('writes the body with its exact Content-Type and extra headers', () => {
    const { res, written } = fakeResponse();
    writeJson(res, 503, apiJson({ kind: 'Status' }), 'application/json', { 'Retry-After': '1' });
    expect(written).toEqual({
      code: 503,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
      body: '{"kind":"Status"}\n',
    });
  });

  it('writes a document that is no API object as it is given', () => {
    const { res, written } = fakeResponse();
    writeJson(res, 200, '{"paths":{}}', 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(written.body).toBe('{"paths":{}}');
    expect(written.headers).toEqual({
      'Content-Type': 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    });
  });
});
