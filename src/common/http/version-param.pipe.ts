import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/** The largest version PostgreSQL's `int` column holds. */
const MAX_VERSION = 2 ** 31 - 1;

/**
 * A version number from the path or the query (`:version`, `?from=`): a whole number from 1 to
 * 2^31 − 1, else 400 naming the parameter. Larger numbers would overflow the `int` column (500).
 */
@Injectable()
export class VersionParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const name = metadata.data ?? 'version';
    // The global ValidationPipe may already have turned the string into a number.
    const n =
      typeof value === 'number' || (typeof value === 'string' && /^\d{1,10}$/.test(value))
        ? Number(value)
        : NaN;
    if (!(Number.isInteger(n) && n >= 1 && n <= MAX_VERSION)) {
      throw DomainError.invalid([
        {
          path: name,
          code: 'version',
          message: `${name} must be a version number: a whole number from 1 to ${MAX_VERSION}`,
        },
      ]);
    }
    return n;
  }
}
