import { Injectable, Logger } from '@nestjs/common';
import { BANKS } from '../../seeds/catalog/banks';
import { PRODUCTS } from '../../seeds/catalog/products';
import { AuthService } from '../modules/auth/auth.service';
import { CatalogService } from '../modules/catalog/catalog.service';
import type { ProductBody } from '../modules/catalog/product-body';
import { PartnersService } from '../modules/partners/partners.service';

/**
 * Idempotent seeds, run by `npm start` and `npm run seed`: the first admin, the partner banks named
 * in the programme sources (demo banks without webhook URLs) and the reference catalogue. Upserts
 * on natural keys; a product an admin has since republished is left alone.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly auth: AuthService,
    private readonly partners: PartnersService,
    private readonly catalog: CatalogService,
  ) {}

  async run(): Promise<void> {
    await this.auth.ensureAdmin();
    const existing = new Set(
      (await this.partners.findByCodes(BANKS.map((b) => b.code))).map((b) => b.code),
    );
    for (const bank of BANKS) {
      if (existing.has(bank.code)) continue;
      await this.partners.create(
        {
          code: bank.code,
          name: { ...bank.name },
          regionCodes: [...bank.regionCodes],
          webhookUrl: null,
        },
        null,
      );
    }
    const outcomes: Record<string, number> = {};
    for (const { code, ...body } of PRODUCTS) {
      const outcome = await this.catalog.applySeed(
        code,
        JSON.parse(JSON.stringify(body)) as ProductBody,
      );
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    this.logger.log(`seeds applied: ${BANKS.length} banks, products ${JSON.stringify(outcomes)}`);
  }
}
