import { ApiProperty } from '@nestjs/swagger';
import {
  ALERT_DIGEST_CHOICES,
  AlertDigestChoice,
  AuthUser,
  LoginResponse,
  Me,
  Role,
  ROLES,
  SetupStatus,
  USER_STATUSES,
  UserStatus,
  UserSummary,
} from '@stockmaster/contracts';

export class AuthUserDto implements AuthUser {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ana@example.com' }) email!: string;
  @ApiProperty({ example: 'Ana Lima' }) fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Assigned warehouses (agents)' })
  warehouseIds!: string[];
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ description: 'HS256 JWT, send as `Authorization: Bearer <token>`' })
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ example: 1800, description: 'Seconds until the access token expires' })
  expiresIn!: number;
  @ApiProperty() user!: AuthUserDto;
}

const ALERT_DIGEST = {
  enum: ALERT_DIGEST_CHOICES,
  description:
    'The daily alert digest: the user’s choice, else the role’s default (daily for admins and managers, off for agents and viewers)',
};

export class MeDto extends AuthUserDto implements Me {
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty(ALERT_DIGEST) alertDigest!: AlertDigestChoice;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SetupStatusDto implements SetupStatus {
  @ApiProperty({
    description: 'True while no user exists: the first administrator must be created',
  })
  required!: boolean;
}

export class InvitationPreviewDto {
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}

export class UserSummaryDto implements UserSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ enum: USER_STATUSES }) status!: UserStatus;
  @ApiProperty({ type: [String], format: 'uuid' }) warehouseIds!: string[];
  @ApiProperty(ALERT_DIGEST) alertDigest!: AlertDigestChoice;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
