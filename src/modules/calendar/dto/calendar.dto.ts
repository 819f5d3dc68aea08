import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../../../common/http/pagination';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class WorkingDaysQuery {
  @ApiProperty({ example: '2026-09-30', description: 'YYYY-MM-DD (Asia/Shanghai)' })
  @IsString()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 366, example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  add: number;
}

export class WorkingDaysResponse {
  @ApiProperty({ example: '2026-09-30' }) from: string;
  @ApiProperty({ type: 'integer', example: 3 }) add: number;
  @ApiProperty({ example: '2026-10-10', description: 'the date `add` working days after `from`' })
  date: string;
  @ApiProperty({
    description:
      'true when a day counted lies beyond the known calendar and was taken as working because it is a weekday',
  })
  estimated: boolean;
  @ApiProperty({ example: '2026-12-31', description: 'the last date the calendar knows' })
  knownUntil: string;
}

export class CalendarOverrideDto {
  @ApiProperty({ description: 'true: a working day; false: a day off' })
  @IsBoolean()
  working: boolean;

  @ApiProperty({ example: '2027 年元旦放假', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  note: string;
}

export class CalendarOverrideResponse {
  @ApiProperty({ example: '2027-01-01' }) date: string;
  @ApiProperty() working: boolean;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CalendarOverridePage {
  @ApiProperty({ type: [CalendarOverrideResponse] }) items: CalendarOverrideResponse[];
  @ApiPropertyOptional({ type: 'string', nullable: true }) nextCursor: string | null;
}

export class OverridesQuery extends PageQuery {}
