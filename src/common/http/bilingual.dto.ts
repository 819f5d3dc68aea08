import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Chinese and English text; Chinese is first-class. */
export class BilingualTextDto {
  @ApiProperty({ example: '财园信贷通' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  zh: string;

  @ApiProperty({ example: 'Caiyuan Xindaitong' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  en: string;
}
