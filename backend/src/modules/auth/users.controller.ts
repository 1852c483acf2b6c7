import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Page, Permission, UserSummary } from '@stockmaster/contracts';
import type { Request } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/require-permission.decorator';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import { UserSummaryDto } from './dto/auth-responses.dto';
import { PageOf } from '../../common/swagger/page-of';
import { InviteUserDto, UpdateUserDto, UserListQueryDto } from './dto/users-requests.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@RequirePermission(Permission.UsersManage)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users, filtered and paged (admin)' })
  @ApiOkResponse({ type: PageOf(UserSummaryDto) })
  @ApiErrors(400, 401, 403)
  list(@Query() query: UserListQueryDto): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Invite a user: created as `invited`, with a single-use link mailed (valid 72 h)',
  })
  @ApiCreatedResponse({ type: UserSummaryDto })
  @ApiErrors(400, 401, 403, 409)
  invite(
    @Body() dto: InviteUserDto,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<UserSummaryDto> {
    return this.users.invite(dto, caller, req.ip);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserSummaryDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change name, role, warehouses or status; role and status changes end the user’s sessions',
  })
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<UserSummaryDto> {
    return this.users.update(id, dto, caller, req.ip);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Disable a user (accounts are never deleted: the audit log refers to them)',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  disable(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<void> {
    return this.users.disable(id, caller, req.ip);
  }

  @Post(':id/invitation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a new invitation link to a user who has not accepted yet' })
  @ApiAcceptedResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  resendInvitation(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() caller: AuthenticatedUser,
    @Req() req: Request,
  ): Promise<void> {
    return this.users.resendInvitation(id, caller, req.ip);
  }
}
