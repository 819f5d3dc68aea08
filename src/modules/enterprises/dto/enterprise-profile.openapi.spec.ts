import { Body, Controller, Post } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiBody, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  AGRI_OPERATOR_TYPES,
  CERTIFICATIONS,
  ENTITY_TYPES,
  FINANCING_PURPOSES,
  FOUNDER_CATEGORIES,
  LISTINGS,
} from '../../matching/engine/facts';
import { EnterpriseProfile, validateProfileSemantics } from '../domain/profile';
import { EnterpriseProfileDto } from './enterprise-profile.dto';
import { ENTERPRISE_PROFILE_SCHEMA } from './enterprise-profile.schema';

@Controller('probe')
class ProbeController {
  @Post()
  @ApiBody({ type: EnterpriseProfileDto })
  probe(@Body() body: EnterpriseProfileDto): EnterpriseProfileDto {
    return body;
  }
}

interface Schema {
  properties?: Record<string, { example?: unknown }>;
  required?: string[];
  enum?: unknown[];
}

describe('EnterpriseProfileDto OpenAPI schema', () => {
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    // The document is generated from the decorators alone (no CLI plugin), as the app does.
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    const doc: OpenAPIObject = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  });

  it.each([
    ['EnterpriseProfileDto', 22],
    ['FounderDto', 2],
    ['HiringDto', 2],
    ['CreditDto', 4],
    ['ReceivablesDto', 2],
    ['GovernmentProcurementContractDto', 1],
    ['FinancingNeedDto', 4],
  ])('should give every property of %s an example when the document is built', (name, count) => {
    const properties = schemas[name]?.properties ?? {};
    expect(Object.keys(properties)).toHaveLength(count);
    const withoutExample = Object.entries(properties).filter(([, p]) => p.example === undefined);
    expect(withoutExample.map(([key]) => key)).toEqual([]);
  });

  it('should require exactly the fields docs/rules.md does not mark optional when documented', () => {
    expect([...(schemas.EnterpriseProfileDto.required ?? [])].sort()).toEqual(
      [
        'name',
        'entityType',
        'regionCode',
        'industryCode',
        'establishedOn',
        'employees',
        'annualRevenueYuan',
        'financingNeed',
      ].sort(),
    );
  });

  it.each([
    ['EntityType', ENTITY_TYPES],
    ['Certification', CERTIFICATIONS],
    ['AgriOperatorType', AGRI_OPERATOR_TYPES],
    ['FounderCategory', FOUNDER_CATEGORIES],
    ['Listing', LISTINGS],
    ['FinancingPurpose', FINANCING_PURPOSES],
  ])('should publish the %s enum when it comes from facts.ts', (name, values) => {
    expect(schemas[name]?.enum).toEqual([...values]);
  });

  it('should assemble an acceptable profile when the documented examples are put together', () => {
    const example = Object.fromEntries(
      Object.entries(schemas.EnterpriseProfileDto.properties ?? {}).map(([k, p]) => [k, p.example]),
    );
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    const accepts = ajv.compile(ENTERPRISE_PROFILE_SCHEMA);
    expect(accepts(example)).toBe(true);
    expect(validateProfileSemantics(example as unknown as EnterpriseProfile, '2025-11-27')).toEqual(
      [],
    );
  });
});
