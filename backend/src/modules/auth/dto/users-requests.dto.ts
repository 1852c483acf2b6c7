import {
  InviteUserRequest,
  Role,
  ROLES,
  UpdateUserRequest,
  USER_STATUSES,
  UserListQuery,
  UserStatus,
} from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateIf,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { trim } from '../../../common/http/dto/transforms';

/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;

export const USER_SORT_FIELDS = [
  'email',
  'fullName',
  'role',
  'status',
  'createdAt',
  'lastLoginAt',
] as const;

export class InviteUserDto implements InviteUserRequest {
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName!: string;

  @IsIn(ROLES)
  role!: Role;

  /** Required (at least one) for agents. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  warehouseIds?: string[];
}

export class UpdateUserDto implements UpdateUserRequest {
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName?: string;

  @ValidateIf(present)
  @IsIn(ROLES)
  role?: Role;

  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  warehouseIds?: string[];

  /** `disabled` ends the user's sessions at once. */
  @ValidateIf(present)
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}

export class UserListQueryDto extends PageQueryDto implements UserListQuery {
  /** Part of the email or name, case-insensitive. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  /** One of email, fullName, role, status, createdAt, lastLoginAt; `-` prefix for descending. */
  @IsOptional()
  @Matches(new RegExp(`^-?(${USER_SORT_FIELDS.join('|')})$`), {
    message: `sort must be one of ${USER_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
  })
  sort?: string;
}
