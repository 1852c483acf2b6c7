import { Body, Controller, Delete, Get, HttpStatus, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page, Permission, UserSummary } from '@stockmaster/contracts';
import type { Request } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { UserSummaryDto } from './dto/auth-responses.dto';
import { PageOf } from '../../common/swagger/page-of';
import { InviteUserDto, UpdateUserDto, UserListQueryDto } from './dto/users-requests.dto';
import { UsersService } from './users.service';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'listUsers',
    summary: 'Users, filtered and paged (admin)',
    type: PageOf(UserSummaryDto),
    errors: [400],
  })
  list(@Query() query: UserListQueryDto): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @Post()
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'inviteUser',
    summary: 'Invite a user: created as `invited`, with a single-use link mailed (valid 72 h)',
    status: HttpStatus.CREATED,
    type: UserSummaryDto,
    errors: [400, 409],
  })
  invite(
    @Body() dto: InviteUserDto,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<UserSummaryDto> {
    return this.users.invite(dto, caller, req.ip);
  }

  @Get(':id')
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'getUser',
    summary: 'A user',
    type: UserSummaryDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string): Promise<UserSummaryDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'updateUser',
    summary:
      'Change name, role, warehouses or status; role and status changes end the user’s sessions',
    type: UserSummaryDto,
    errors: [400, 404, 409],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<UserSummaryDto> {
    return this.users.update(id, dto, caller, req.ip);
  }

  @Delete(':id')
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'disableUser',
    summary: 'Disable a user (accounts are never deleted: the audit log refers to them)',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 404, 409],
  })
  disable(
    @IdParam() id: string,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<void> {
    return this.users.disable(id, caller, req.ip);
  }

  @Post(':id/invitation')
  @Endpoint({
    access: Permission.UsersManage,
    operationId: 'resendInvitation',
    summary: 'Send a new invitation link to a user who has not accepted yet',
    status: HttpStatus.ACCEPTED,
    errors: [400, 404, 409],
  })
  resendInvitation(
    @IdParam() id: string,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<void> {
    return this.users.resendInvitation(id, caller, req.ip);
  }
}
