import { Type } from 'typebox';
import { Timestamp } from '../../http/schemas.js';

export const OrgRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('member')]);

export const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  organizationId: Type.Integer(),
  role: OrgRoleSchema,
  isSuperuser: Type.Boolean(),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  lastLoginAt: Type.Union([Timestamp, Type.Null()]),
});

export const Email = Type.String({ minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
