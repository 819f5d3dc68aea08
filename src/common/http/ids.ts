const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id can name a row; anything else is answered 404 like a missing row. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
