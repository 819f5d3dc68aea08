/** An RFC 9457 problem-details answer with this status and stable code (docs/api.md, Conventions). */
export function expectProblem(
  res: { status: number; body: any; headers: Headers },
  status: number,
  code: string,
): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    status,
    code,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.stringContaining(code),
  });
}
