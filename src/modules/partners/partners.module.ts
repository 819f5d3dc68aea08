import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { User } from '../auth/user.entity';
import { BankOfficersController } from './bank-officers.controller';
import { BankOfficersService } from './bank-officers.service';
import { BankSelfController } from './bank-self.controller';
import { PartnerBank } from './partner-bank.entity';
import { PartnersController } from './partners.controller';
import { PartnersService } from './partners.service';

@Module({
  imports: [TypeOrmModule.forFeature([PartnerBank, User]), AuthModule],
  controllers: [PartnersController, BankOfficersController, BankSelfController],
  providers: [PartnersService, BankOfficersService],
  exports: [PartnersService],
})
export class PartnersModule {}
