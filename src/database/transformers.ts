import { ValueTransformer } from 'typeorm';

/** Money and other bigint columns as JS numbers; refuses anything beyond safe integers. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    return value;
  },
  from: (value: string | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`bigint column out of safe range: ${value}`);
    return n;
  },
};
